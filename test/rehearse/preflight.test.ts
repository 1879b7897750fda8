import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Docker } from '../../src/rehearse/docker.js';
import { checkPrerequisites } from '../../src/rehearse/preflight.js';
import { runCli } from '../support/cli.js';
import { MINIMAL_CONFIG } from '../support/config.js';

// A `docker` that logs its arguments and answers as a real CLI does in each situation (texts from Docker 28).
const dir = mkdtempSync(join(tmpdir(), 'hatoba-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fake = join(dir, 'docker');
writeFileSync(
  fake,
  `#!/bin/sh
echo "$*" >> "$FAKE_LOG"
case "$1" in
  version) if [ -n "$FAKE_ENGINE_ERROR" ]; then echo "$FAKE_ENGINE_ERROR" >&2; exit 1; fi; echo "\${FAKE_ARCH:-amd64}" ;;
  image) echo "Error response from daemon: No such image: $5" >&2; exit 1 ;;
  pull) echo "Error response from daemon: pull access denied for $3, repository does not exist or may require 'docker login'" >&2; exit 1 ;;
esac
`,
);
chmodSync(fake, 0o755);

function fakeDocker(env: Record<string, string> = {}) {
  const log = join(dir, `log-${Math.random().toString(36).slice(2)}`);
  writeFileSync(log, '');
  return {
    docker: new Docker({ PATH: process.env.PATH, FAKE_LOG: log, ...env }, fake),
    calls: () => readFileSync(log, 'utf8'),
  };
}

const check = (docker: Docker, os: NodeJS.Platform = 'linux', env: Record<string, string> = {}) =>
  checkPrerequisites(docker, {
    registryImage: 'registry:2',
    platform: 'linux/amd64',
    env,
    os,
    signal: new AbortController().signal,
  });

describe('rehearse prerequisites', () => {
  it('tells "not installed" from "not running" from "no permission", with the fix for this OS', async () => {
    const missing = new Docker({}, join(dir, 'no-such-docker'));
    await expect(check(missing, 'linux')).rejects.toMatchObject({
      message: 'the docker command is not installed; rehearse builds and runs the image with it',
      hint: expect.stringContaining('apt-get install docker.io'),
    });
    await expect(check(missing, 'darwin')).rejects.toMatchObject({ hint: expect.stringContaining('Docker Desktop') });

    const stopped = fakeDocker({
      FAKE_ENGINE_ERROR:
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    }).docker;
    await expect(check(stopped, 'linux')).rejects.toMatchObject({
      message: expect.stringMatching(/^no Docker Engine answers at the default socket \(Cannot connect/),
      hint: expect.stringContaining('sudo systemctl start docker'),
    });
    await expect(check(stopped, 'darwin')).rejects.toMatchObject({
      hint: expect.stringMatching(/^Start Docker Desktop/),
    });
    await expect(check(stopped, 'linux', { DOCKER_HOST: 'tcp://10.0.0.9:2375' })).rejects.toMatchObject({
      message: expect.stringContaining('at DOCKER_HOST=tcp://10.0.0.9:2375'),
    });

    const denied = fakeDocker({
      FAKE_ENGINE_ERROR:
        'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: dial unix /var/run/docker.sock: connect: permission denied',
    }).docker;
    await expect(check(denied)).rejects.toMatchObject({
      message: expect.stringMatching(/^no permission to use the Docker socket/),
      hint: expect.stringContaining('usermod -aG docker'),
    });
  });

  it('refuses a platform this engine cannot build, before building', async () => {
    const { docker } = fakeDocker({ FAKE_ARCH: 's390x' });
    await expect(check(docker)).rejects.toMatchObject({
      message: expect.stringContaining(
        'ecs.architecture needs linux/amd64 images, but this Docker Engine runs linux/s390x',
      ),
      hint: expect.stringContaining('binfmt'),
    });
  });

  it('stops with exit 2 before the build when the registry image is missing and cannot be pulled', async () => {
    const project = mkdtempSync(join(dir, 'project-'));
    writeFileSync(join(project, 'hatoba.yml'), MINIMAL_CONFIG);
    writeFileSync(join(project, 'Dockerfile'), 'FROM scratch\n');
    const { docker, calls } = fakeDocker();
    const { code, stdout, stderr } = await runCli(['rehearse'], { cwd: project, docker: async () => docker });
    expect(stderr).toBe(
      "error: the registry image registry:2 is not on this Docker Engine and could not be pulled (Error response from daemon: pull access denied for registry:2, repository does not exist or may require 'docker login')\n" +
        'hint: Pull it where a registry is reachable (docker pull registry:2; docker login if it is private), or pass ' +
        '--registry-image with a distribution registry image this engine has or can pull (a mirror). Offline: ' +
        'docker save registry:2 on another machine, docker load here.\n',
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(calls()).not.toMatch(/^build /m);
  });

  it('names a missing Dockerfile relative to where the user stands', async () => {
    const project = mkdtempSync(join(dir, 'project-'));
    writeFileSync(join(project, 'hatoba.yml'), MINIMAL_CONFIG);
    const { docker } = fakeDocker();
    const { code, stderr } = await runCli(['rehearse'], { cwd: project, docker: async () => docker });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: build\.dockerfile: Dockerfile does not exist\nhint: Set build\.dockerfile in hatoba\.yml,/,
    );
  });
});
