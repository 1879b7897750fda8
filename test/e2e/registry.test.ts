import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bcryptEntry } from '../../src/rehearse/registry.js';
import { describeDocker, docker, hostPort, uniqueName, useDocker, waitForHttp } from '../support/docker.js';
import { scaled } from '../support/wait.js';

// The registry image `rehearse` runs, with basic auth for the user ECR's login uses.
describeDocker('registry:2 with htpasswd authentication', () => {
  const scope = useDocker();
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-registry-'));
  // A private DOCKER_CONFIG, so the login below never touches the user's own credentials file.
  const dockerEnv = { DOCKER_CONFIG: join(dir, 'docker-config') };
  const password = uniqueName('pw');
  let registry = '';
  let container = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    writeFileSync(join(dir, 'htpasswd'), await bcryptEntry('AWS', password));
    container = await scope.run('registry:2', {
      publish: [5000],
      env: {
        REGISTRY_AUTH: 'htpasswd',
        REGISTRY_AUTH_HTPASSWD_REALM: 'hatoba',
        REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd',
      },
      extraArgs: ['--volume', `${dir}/htpasswd:/auth/htpasswd:ro`],
    });
    registry = `127.0.0.1:${await hostPort(container, 5000)}`;
    await waitForHttp(`http://${registry}/v2/`, container, 15_000, 401);
  });

  it('rejects anonymous and wrong credentials', async () => {
    const anonymous = await fetch(`http://${registry}/v2/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="hatoba"');
    const wrong = await fetch(`http://${registry}/v2/`, {
      headers: { authorization: `Basic ${Buffer.from('AWS:wrong').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
  });

  it(
    'takes a push from docker login as AWS and serves the manifest back',
    async () => {
      await docker(['login', '--username', 'AWS', '--password-stdin', registry], { input: password, env: dockerEnv });
      const repository = `${registry}/${uniqueName('push')}`;
      // A one-file image: the test is about the registry's auth and storage, not about moving bytes.
      mkdirSync(join(dir, 'image'));
      writeFileSync(join(dir, 'image', 'hello.txt'), 'hello\n');
      writeFileSync(join(dir, 'image', 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /\n');
      await scope.build(join(dir, 'image'), `${repository}:1`);
      const { stdout } = await docker(['push', `${repository}:1`], { env: dockerEnv });
      const digest = /digest: (sha256:[0-9a-f]{64})/.exec(stdout)?.[1];
      expect(digest).toBeDefined();

      const manifest = await fetch(`http://${registry}/v2/${repository.slice(registry.length + 1)}/manifests/1`, {
        method: 'HEAD',
        headers: {
          authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}`,
          accept: 'application/vnd.docker.distribution.manifest.v2+json',
        },
      });
      expect(manifest.status).toBe(200);
      expect(manifest.headers.get('docker-content-digest')).toBe(digest);
    },
    scaled(120_000),
  );
});
