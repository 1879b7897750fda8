import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkWrites, writeAll } from '../../src/fs/write-plan.js';

const display = (path: string) => path;
const isRoot = process.getuid?.() === 0;

describe('checkWrites', () => {
  it('refuses a directory where the file goes, and a parent that is a file, naming the origin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-plan-'));
    await mkdir(join(dir, 'hatoba.yml'));
    await writeFile(join(dir, '.github'), 'not a directory\n');
    await expect(checkWrites([{ path: join(dir, 'hatoba.yml'), content: '' }], { display })).rejects.toThrow(
      `${join(dir, 'hatoba.yml')} is a directory; hatoba writes a file there`,
    );
    await expect(
      checkWrites([{ path: join(dir, '.github/workflows/deploy.yml'), content: '', origin: 'workflow' }], { display }),
    ).rejects.toThrow(`workflow: ${join(dir, '.github')} is not a directory`);
    await expect(checkWrites([{ path: '/dev/null', content: '' }], { display })).rejects.toThrow(
      '/dev/null is not a regular file',
    );
  });
});

describe('writeAll', () => {
  it('writes nothing once the signal is aborted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-plan-'));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      writeAll([{ path: join(dir, 'a/b.json'), content: '{}' }], { display, signal: controller.signal }),
    ).rejects.toThrow('stop');
    expect(await readdir(dir)).toEqual([]);
  });

  // /proc/self/fd passes the checks as root (it is a writable directory to access(2)) but refuses new files.
  it.skipIf(!isRoot)('rolls back: a failing write restores overwritten files and removes created ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-plan-'));
    await writeFile(join(dir, 'hatoba.yml'), 'app: old\n');
    const error = await writeAll(
      [
        { path: join(dir, 'hatoba.yml'), content: 'app: new\n' },
        { path: join(dir, '.github/workflows/deploy.yml'), content: 'on: push\n' },
        { path: '/proc/self/fd/Dockerfile', content: 'FROM scratch\n', origin: 'build.context' },
      ],
      { display },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'build.context: cannot write /proc/self/fd/Dockerfile: the directory cannot hold new files; nothing was changed',
    );
    expect(await readFile(join(dir, 'hatoba.yml'), 'utf8')).toBe('app: old\n');
    expect(await readdir(dir)).toEqual(['hatoba.yml']);
  });
});
