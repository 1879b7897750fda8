import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRevision, normalizeArchitecture, platformProblem } from '../../src/rehearse/image-build.js';

describe('platformProblem', () => {
  it('accepts the engine architecture, however the engine spells it', async () => {
    expect(await platformProblem('amd64', 'linux/amd64')).toBeUndefined();
    expect(await platformProblem('x86_64', 'linux/amd64')).toBeUndefined();
    expect(await platformProblem('aarch64', 'linux/arm64')).toBeUndefined();
    expect(normalizeArchitecture('s390x')).toBe('s390x');
  });

  // The verdict for another architecture depends on this host's binfmt_misc registrations; both outcomes are real.
  const emulated = existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64');
  it.skipIf(emulated)('says clearly that this engine cannot build or run the other architecture', async () => {
    expect(await platformProblem('amd64', 'linux/arm64', 'linux')).toEqual({
      message:
        'ecs.architecture needs linux/arm64 images, but this Docker Engine runs linux/amd64 and has no arm64 ' +
        'emulation (no enabled binfmt_misc handler qemu-aarch64)',
      fix:
        'Register the emulator (Debian/Ubuntu: apt-get install qemu-user-static binfmt-support; any Linux: docker run ' +
        '--privileged --rm tonistiigi/binfmt --install arm64), or rehearse on an arm64 machine.',
    });
  });

  it('trusts Docker Desktop, which emulates the other architecture, on macOS and Windows', async () => {
    expect(await platformProblem('arm64', 'linux/amd64', 'darwin')).toBeUndefined();
    expect(await platformProblem('amd64', 'linux/arm64', 'win32')).toBeUndefined();
  });
});

describe('gitRevision', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-revision-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
      encoding: 'utf8',
    }).trim();

  it('is unversioned outside a git checkout', async () => {
    expect(await gitRevision(dir, process.env)).toEqual({ sha: 'unversioned', dirty: true });
  });

  it('is the checked-out commit, dirty while tracked files under the directory have changes', async () => {
    git('init', '--quiet');
    writeFileSync(join(dir, 'hatoba.yml'), 'app: web\n');
    git('add', 'hatoba.yml');
    git('commit', '--quiet', '-m', 'first');
    const sha = git('rev-parse', 'HEAD');
    expect(await gitRevision(dir, process.env)).toEqual({ sha, dirty: false });
    writeFileSync(join(dir, 'hatoba.yml'), 'app: api\n');
    expect(await gitRevision(dir, process.env)).toEqual({ sha, dirty: true });
  });
});
