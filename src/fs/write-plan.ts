import { constants, type Stats } from 'node:fs';
import { access, lstat, readFile, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { isDirectory } from './path-kind.js';
import { writeFileAtomic } from './write-atomic.js';

/** One file a command is about to write. */
export interface FileWrite {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  /** The flag or hatoba.yml key that chose this path (`--out`, `build.context`), named in messages. */
  readonly origin?: string | undefined;
}

export interface WritePlanOptions {
  /** The path as the user should read it (relative to the working directory). */
  readonly display: (path: string) => string;
  /** Checked before the first write; an aborted signal writes nothing. */
  readonly signal?: AbortSignal | undefined;
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch {
    return undefined;
  }
}

const named = (write: FileWrite) => (write.origin === undefined ? '' : `${write.origin}: `);

/**
 * Refuses, before anything is written, every target that cannot be written: a directory or device where the file
 * goes, a parent that is a file, a directory that is not writable.
 */
export async function checkWrites(writes: readonly FileWrite[], options: WritePlanOptions): Promise<void> {
  const shown = options.display;
  for (const write of writes) {
    const target = await lstatOrUndefined(write.path);
    if (target?.isDirectory()) {
      throw new UserError(
        `${named(write)}${shown(write.path)} is a directory; hatoba writes a file there`,
        'Move or rename the directory, then run the command again.',
      );
    }
    if (target !== undefined && !target.isFile() && !target.isSymbolicLink()) {
      throw new UserError(
        `${named(write)}${shown(write.path)} is not a regular file (a device, FIFO or socket)`,
        'Choose a path in a normal directory.',
      );
    }
    // The nearest existing ancestor must be a directory hatoba may create entries in (the rest is created).
    let parent = dirname(write.path);
    let stats = await lstatOrUndefined(parent);
    while (stats === undefined && dirname(parent) !== parent) {
      parent = dirname(parent);
      stats = await lstatOrUndefined(parent);
    }
    if (stats !== undefined && !stats.isDirectory() && !(stats.isSymbolicLink() && (await isDirectory(parent)))) {
      throw new UserError(
        `${named(write)}${shown(parent)} is not a directory, so ${shown(write.path)} cannot be written`,
        `Move ${shown(parent)} away, or choose another path.`,
      );
    }
    try {
      await access(parent, constants.W_OK | constants.X_OK);
    } catch {
      throw new UserError(
        `${named(write)}cannot write ${shown(write.path)}: ${shown(parent)} is not writable`,
        `Make ${shown(parent)} writable (chmod u+w), or choose another path.`,
      );
    }
  }
}

interface Undo {
  readonly path: string;
  /** The file's content before; undefined when the write created it. */
  readonly previous: Buffer | undefined;
  /** Directories the write created, deepest first. */
  readonly createdDirectories: readonly string[];
}

/**
 * Checks every target, then writes each file atomically. All or nothing: when a write still fails (the disk filled,
 * a race), the files already written get their previous content back, new files and directories are removed, and the
 * error names the path.
 */
export async function writeAll(writes: readonly FileWrite[], options: WritePlanOptions): Promise<void> {
  await checkWrites(writes, options);
  options.signal?.throwIfAborted();
  const done: Undo[] = [];
  for (const write of writes) {
    // Ctrl-C between two files: the ones already written get their previous content back, so it stays all or nothing.
    if (options.signal?.aborted) {
      await rollBack(done);
      options.signal.throwIfAborted();
    }
    try {
      const undo: Undo = {
        path: write.path,
        previous: await readFile(write.path).catch(() => undefined),
        createdDirectories: await missingDirectories(dirname(write.path)),
      };
      done.push(undo);
      await writeFileAtomic(write.path, write.content);
    } catch (error) {
      await rollBack(done);
      throw writeError(write, error, options.display);
    }
  }
}

async function missingDirectories(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let path = dir; (await lstatOrUndefined(path)) === undefined && dirname(path) !== path; path = dirname(path)) {
    missing.push(path);
  }
  return missing;
}

async function rollBack(done: readonly Undo[]): Promise<void> {
  for (const undo of [...done].reverse()) {
    try {
      if (undo.previous === undefined) await rm(undo.path, { force: true });
      else await writeFileAtomic(undo.path, undo.previous);
      for (const dir of undo.createdDirectories) await rmdir(dir);
    } catch {
      // Best effort: the error about the failed write is the one to report.
    }
  }
}

function writeError(write: FileWrite, error: unknown, shown: (path: string) => string): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    {
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EROFS: 'the file system is read-only',
      ENOSPC: 'no space left on the device',
      EDQUOT: 'the disk quota is exhausted',
      ENOTDIR: 'a parent is not a directory',
      EISDIR: 'it is a directory',
      ENOENT: 'the directory cannot hold new files',
    }[code ?? ''] ?? (error as Error).message;
  return new UserError(
    `${named(write)}cannot write ${shown(write.path)}: ${reason}; nothing was changed`,
    'Fix the path or its permissions (or choose another path), then run the command again.',
  );
}
