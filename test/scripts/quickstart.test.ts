import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// quickstart.sh's choice of engine, with fake `docker`, `id` and `apt-get` as the only commands on PATH: nothing is
// installed, nothing needs root, and HATOBA_QUICKSTART_PLAN=1 stops it before any real work.
const script = fileURLToPath(new URL('../../scripts/quickstart.sh', import.meta.url));

interface Machine {
  /** `docker info` exit code; undefined: no docker command at all. */
  readonly dockerInfo?: number;
  readonly uid: number;
  readonly aptGet: boolean;
  readonly env?: Record<string, string>;
  readonly ostype?: string;
}

function plan(machine: Machine) {
  const bin = mkdtempSync(join(tmpdir(), 'hatoba-quickstart-'));
  const fake = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  if (machine.dockerInfo !== undefined) {
    fake(
      'docker',
      `[[ $1 == info ]] || exit 99\n[[ ${machine.dockerInfo} == 0 ]] || echo 'Cannot connect to the Docker daemon' >&2\nexit ${machine.dockerInfo}`,
    );
  }
  fake('id', `echo ${machine.uid}`);
  if (machine.aptGet) fake('apt-get', 'exit 0');
  const result = spawnSync('/bin/bash', [script], {
    env: { PATH: bin, HATOBA_QUICKSTART_PLAN: '1', OSTYPE: machine.ostype ?? 'linux-gnu', ...machine.env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/quickstart.sh: which engine', () => {
  it('uses an engine that answers as it is: no root, no apt, no stand-ins', () => {
    expect(plan({ dockerInfo: 0, uid: 1000, aptGet: false })).toEqual({
      code: 0,
      stdout: 'engine: docker\n',
      stderr: '',
    });
    // Even as root on Debian: the engine is there, docker pulls the images.
    expect(plan({ dockerInfo: 0, uid: 0, aptGet: true }).stdout).toBe('engine: docker\n');
  });

  it('sets up Docker and the stand-ins only as root on Debian, or when HATOBA_STAND_INS=1', () => {
    expect(plan({ uid: 0, aptGet: true }).stdout).toBe('engine: stand-ins\n');
    expect(plan({ dockerInfo: 1, uid: 0, aptGet: true }).stdout).toBe('engine: stand-ins\n');
    expect(plan({ dockerInfo: 0, uid: 0, aptGet: true, env: { HATOBA_STAND_INS: '1' } }).stdout).toBe(
      'engine: stand-ins\n',
    );
  });

  it('stops with what is missing and how to get Docker for the OS', () => {
    const missing = plan({ uid: 1000, aptGet: true });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('quickstart: error: no `docker` command is installed.');
    expect(missing.stderr).toContain('https://docs.docker.com/engine/install/');

    const stopped = plan({ dockerInfo: 1, uid: 1000, aptGet: false, ostype: 'darwin23' });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('`docker info` gets no answer from a Docker Engine (is it running?)');
    expect(stopped.stderr).toContain('Docker Desktop: https://docs.docker.com/desktop/setup/install/mac-install/');

    const notDebian = plan({ uid: 0, aptGet: false, ostype: 'msys' });
    expect(notDebian.code).toBe(1);
    expect(notDebian.stderr).toContain('https://docs.docker.com/desktop/setup/install/windows-install/');
  });
});
