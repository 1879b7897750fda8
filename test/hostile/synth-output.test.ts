import { EventEmitter } from 'node:events';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandSpec } from '../../src/cli/command.js';
import synth from '../../src/cli/commands/synth.js';
import { runCli } from '../support/cli.js';

const isRoot = process.getuid?.() === 0;

describe('hatoba synth --out that cannot be written', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hatoba-synth-out-'));
    await writeFile(
      join(dir, 'hatoba.yml'),
      await readFile(new URL('../fixtures/hatoba.yml', import.meta.url), 'utf8'),
    );
    await writeFile(join(dir, 'README.md'), '# readme\n');
  });
  afterAll(async () => {
    await chmod(join(dir, 'locked'), 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test('a file: exit 2 naming --out and the path, the file untouched', async () => {
    const result = await runCli(['synth', '--out', 'README.md'], { cwd: dir });
    expect(result.stderr).toContain('error: --out: README.md is not a directory');
    expect(result.stderr).not.toContain('crashed');
    expect(result.code).toBe(2);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('# readme\n');
  });

  test('/dev/null: exit 2', async () => {
    const result = await runCli(['synth', '--out', '/dev/null'], { cwd: dir });
    expect(result.stderr).toContain('error: --out: /dev/null is not a directory');
    expect(result.code).toBe(2);
  });

  test('a directory the kernel refuses files in (/proc/self): exit 2, nothing written', async () => {
    const result = await runCli(['synth', '--out', '/proc/self'], { cwd: dir });
    expect(result.stderr).toMatch(/error: --out: cannot write \/proc\/self\/\S+: /);
    expect(result.code).toBe(2);
  });

  test.skipIf(isRoot)('a read-only directory: exit 2 naming it', async () => {
    await mkdir(join(dir, 'locked'));
    await chmod(join(dir, 'locked'), 0o555);
    const result = await runCli(['synth', '--out', 'locked'], { cwd: dir });
    expect(result.stderr).toContain('error: --out: cannot write locked/');
    expect(result.stderr).toContain('locked is not writable');
    expect(result.code).toBe(2);
  });
});

describe('hatoba synth interrupted', () => {
  test('Ctrl-C while synthesizing: Interrupted (130), and the command writes nothing afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-synth-int-'));
    await writeFile(
      join(dir, 'hatoba.yml'),
      await readFile(new URL('../fixtures/hatoba.yml', import.meta.url), 'utf8'),
    );
    // Keep hold of the command's own promise: main answers 130 at once, the command finishes in the background.
    let pending: Promise<number> | undefined;
    const spec = synth as unknown as CommandSpec;
    const watched: CommandSpec = {
      ...spec,
      run: (options, context, args) => {
        // Ctrl-C as the command starts, so the synthesis is still ahead whatever this machine's speed.
        signals.emit('SIGINT');
        pending = spec.run(options, context, args);
        return pending;
      },
    };
    const signals = new EventEmitter();
    const result = await runCli(['synth'], { cwd: dir, signals, commands: [watched as CommandSpec<never>] });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Interrupted');
    await pending?.catch(() => undefined);
    expect(await readdir(dir)).toEqual(['hatoba.yml']);
    await rm(dir, { recursive: true, force: true });
  });
});
