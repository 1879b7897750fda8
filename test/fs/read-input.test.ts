import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readInput, readRegularFile } from '../../src/fs/read-input.js';

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hatoba-read-'));
}

describe('readRegularFile', () => {
  it('reads a regular file', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'a.yml'), 'app: x\n');
    expect((await readRegularFile(join(dir, 'a.yml'), { label: 'config' })).toString()).toBe('app: x\n');
  });

  it('refuses a file over the limit before reading it', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'big.yml'), 'x'.repeat(2048));
    await expect(readRegularFile(join(dir, 'big.yml'), { label: '--event', maxBytes: 1024 })).rejects.toThrow(
      /--event .*big\.yml is larger than hatoba reads \(1 KiB\)/,
    );
  });

  it('refuses an endless device instead of filling memory', async () => {
    await expect(readRegularFile('/dev/zero', { label: '--event', maxBytes: 1024 })).rejects.toThrow(
      /not a regular file/,
    );
  });

  it('refuses a FIFO without blocking, a directory, a dangling link and a link loop', async () => {
    const dir = await scratch();
    execFileSync('mkfifo', [join(dir, 'fifo.yml')]);
    await mkdir(join(dir, 'dir.yml'));
    await symlink(join(dir, 'missing'), join(dir, 'dangling.yml'));
    await symlink(join(dir, 'loop-b'), join(dir, 'loop-a'));
    await symlink(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const read = (name: string) => readRegularFile(join(dir, name), { label: 'lint' });
    await expect(read('fifo.yml')).rejects.toThrow(/not a regular file/);
    await expect(read('dir.yml')).rejects.toThrow(/is a directory/);
    await expect(read('dangling.yml')).rejects.toThrow(/no such file/);
    await expect(read('loop-a')).rejects.toThrow(/symbolic link loop/);
    await expect(read('fifo.yml')).rejects.toBeInstanceOf(UserError);
  });
});

describe('readInput', () => {
  it('bounds standard input too', async () => {
    const stdin = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(readInput('-', '--event', '/', stdin, 1024)).rejects.toThrow(
      /--event standard input is larger than hatoba reads/,
    );
  });
});
