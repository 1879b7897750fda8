import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
// util-linux `script` gives the CLI a real terminal (a pty), so readline runs in raw mode as it does for a person.
const hasScript = spawnSync('script', ['--version']).status === 0;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-pty-'));
  spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `hatoba init` on a pty, presses `key` at the first prompt; resolves to the exit code and the output. */
function initOnTerminal(key: string): Promise<{ code: number | null; output: string }> {
  const loader = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
  const entry = `import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}).then(async (m) => { process.exitCode = await m.main(['init']); })`;
  const command = ['node', '--import', `file://${loader}`, '--input-type=module', '-e', JSON.stringify(entry)].join(
    ' ',
  );
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  let pressed = false;
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((done) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!pressed && output.includes('App name')) {
        pressed = true;
        child.stdin.write(key);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe.skipIf(!hasScript)('hatoba init on a terminal', () => {
  for (const [key, name] of [
    ['\x03', 'Ctrl-C'],
    ['\x04', 'Ctrl-D'],
  ] as const) {
    it(`${name} at the first prompt prints Interrupted, exits 130 and writes nothing`, async () => {
      const { code, output } = await initOnTerminal(key);
      expect(output).toContain('Interrupted');
      expect(output).not.toContain('crashed');
      expect(code).toBe(130);
      await expect(stat(join(dir, 'hatoba.yml'))).rejects.toThrow();
    });
  }
});
