import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hatoba-config-path-'));
  await mkdir(join(dir, '.github', 'workflows'), { recursive: true });
  await writeFile(
    join(dir, '.github', 'workflows', 'ci.yml'),
    'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n',
  );
  return dir;
}

describe('the config file named by HATOBA_CONFIG or --config', () => {
  it('lint: HATOBA_CONFIG naming a missing file is exit 2 naming HATOBA_CONFIG, not a silent skip', async () => {
    const cwd = await project();
    const { code, stderr } = await runCli(['lint', '--no-actionlint'], { cwd, env: { HATOBA_CONFIG: 'nope.yml' } });
    expect(stderr).toContain('error: HATOBA_CONFIG: nope.yml does not exist');
    expect(code).toBe(2);
  });

  it('--config naming a directory says it is a directory', async () => {
    const cwd = await project();
    const { code, stderr } = await runCli(['config', 'validate', '--config', '.github'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('error: --config .github is a directory; pass a file');
  });

  it('HATOBA_CONFIG naming a FIFO says it is not a regular file, without blocking', async () => {
    const cwd = await project();
    execFileSync('mkfifo', [join(cwd, 'pipe.yml')]);
    const { code, stderr } = await runCli(['config', 'validate'], { cwd, env: { HATOBA_CONFIG: 'pipe.yml' } });
    expect(code).toBe(2);
    expect(stderr).toContain('error: HATOBA_CONFIG pipe.yml is not a regular file (a FIFO, socket or device)');
  });
});
