import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { runCli } from '../../support/cli.js';

const IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello-service@sha256:${'a'.repeat(64)}`;

// Every AWS command builds its clients from the command's environment (HATOBA_AWS_TIMEOUT, credential sources), not
// from whatever the process happens to have.
describe('AWS clients come from the command context', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hatoba-aws-context-'));
    await writeFile(
      join(dir, 'hatoba.yml'),
      await readFile(new URL('../../fixtures/hatoba.yml', import.meta.url), 'utf8'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['deploy', ['deploy', '--image', IMAGE]],
    ['rollback', ['rollback']],
    ['status', ['status']],
    ['up', ['up']],
    ['diff', ['diff']],
  ])('%s reads HATOBA_AWS_TIMEOUT from the command environment', async (_name, argv) => {
    const result = await runCli(argv, { cwd: dir, env: { HATOBA_AWS_TIMEOUT: 'soon' } });
    expect(result.stderr).toContain('error: HATOBA_AWS_TIMEOUT: "soon" is not a number of seconds');
    expect(result.code).toBe(2);
  });

  it('deploy takes its clients, for the configured Region, from the context runCli substitutes', async () => {
    const regions: string[] = [];
    const result = await runCli(['deploy', '--image', IMAGE, '--region', 'ap-northeast-1'], {
      cwd: dir,
      aws: async (region) => {
        regions.push(region);
        throw new UserError('no AWS in this test', 'none');
      },
    });
    expect(regions).toEqual(['ap-northeast-1']);
    expect(result.stderr).toContain('error: no AWS in this test');
  });
});
