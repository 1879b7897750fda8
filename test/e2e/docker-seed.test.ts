import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeDocker, docker, uniqueName, useDocker } from '../support/docker.js';
import { exampleBaseImage } from '../support/example.js';
import { scaled } from '../support/wait.js';

describeDocker('docker engine and the Node base image', () => {
  const scope = useDocker();
  const base = exampleBaseImage();
  const context = mkdtempSync(join(tmpdir(), 'hatoba-seed-'));
  afterAll(() => rmSync(context, { recursive: true, force: true }));

  it(
    'builds FROM the base image and runs the result',
    async () => {
      writeFileSync(
        join(context, 'Dockerfile'),
        [
          `FROM ${base}`,
          // A RUN step proves builds execute inside the base; the file it writes proves the layer is kept.
          `RUN node -e "require('node:fs').writeFileSync('/greeting', 'built with node ' + process.version)"`,
          'USER node',
          `CMD ["node", "-e", "console.log(require('node:fs').readFileSync('/greeting', 'utf8'), 'as', process.getuid())"]`,
        ].join('\n'),
      );
      const tag = await scope.build(context, `${uniqueName('seed')}:test`);
      const { stdout } = await scope.runOnce(tag);
      expect(stdout.trim()).toMatch(/^built with node v\d+\.\d+\.\d+ as 1000$/);
    },
    scaled(120_000),
  );

  it('matches the upstream image: Node of the tagged major, npm, and the node user', async () => {
    const major = /^node:(\d+)-/.exec(base)?.[1];
    const { stdout } = await scope.runOnce(base, [
      'sh',
      '-c',
      'node --version && npm --version && id -u node && id -g node && command -v npx',
    ]);
    const [node, npm, uid, gid, npx] = stdout.trim().split('\n');
    expect(node).toMatch(new RegExp(`^v${major}\\.`));
    expect(npm).toMatch(/^\d+\.\d+\.\d+$/);
    expect([uid, gid]).toEqual(['1000', '1000']);
    expect(npx).toBe('/usr/local/bin/npx');
  });

  it('passes the command through the entrypoint as PID 1', async () => {
    const { stdout } = await scope.runOnce(base, ['node', '-e', 'console.log(process.pid)']);
    expect(stdout.trim()).toBe('1');
    const { stdout: config } = await docker(['image', 'inspect', '--format', '{{json .Config.Cmd}}', base]);
    expect(JSON.parse(config)).toEqual(['node']);
  });
});
