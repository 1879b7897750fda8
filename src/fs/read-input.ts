import { constants, type FileHandle, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * The input limits hatoba enforces (docs/troubleshooting.md lists them). Inputs are read as streams and reading stops
 * at the limit, so a hostile file (`/dev/zero`, a 4 GB log) costs at most this much memory.
 */
export const INPUT_LIMITS = {
  /** hatoba.yml, workflows, policies, tokens. */
  configBytes: 1024 * 1024,
  /** CloudTrail events and logs, compressed or not, and what they decompress to. */
  eventBytes: 64 * 1024 * 1024,
} as const;

export interface ReadOptions {
  /** What named the file, for messages: a flag (`--event`) or a description (`hatoba.yml`). */
  readonly label: string;
  /** The path as the user wrote it, for messages. @default the path read */
  readonly display?: string;
  /** Bytes to read at most; more is an error. @default INPUT_LIMITS.configBytes */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

function tooLarge(label: string, path: string, maxBytes: number): UserError {
  return new UserError(
    `${label} ${path} is larger than hatoba reads (${formatBytes(maxBytes)})`,
    'Pass the one file or event to check, not a whole archive or device.',
  );
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/** Collects a stream's chunks, refusing more than `maxBytes`. */
async function readBounded(
  source: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
  onTooLarge: () => Error,
  signal?: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    signal?.throwIfAborted();
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) throw onTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads one regular file, at most `maxBytes`. FIFOs, devices and directories are refused before a byte is read (a FIFO
 * would block forever); the open uses O_NONBLOCK so opening a FIFO with no writer does not block either.
 */
export async function readRegularFile(path: string, options: ReadOptions): Promise<Buffer> {
  const { label } = options;
  const shown = options.display ?? path;
  const maxBytes = options.maxBytes ?? INPUT_LIMITS.configBytes;
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw openError(label, shown, error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new UserError(`${label} ${shown} is a directory; pass a file`);
    if (!stats.isFile()) throw new UserError(`${label} ${shown} is not a regular file (a FIFO, socket or device)`);
    if (stats.size > maxBytes) throw tooLarge(label, shown, maxBytes);
    // The size can grow between stat and read; the bounded read holds the limit either way.
    return await readBounded(handle.createReadStream({ autoClose: false }), maxBytes, () =>
      tooLarge(label, shown, maxBytes),
    );
  } finally {
    await handle.close();
  }
}

function openError(label: string, path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`${label} ${path}: no such file`);
  if (code === 'EISDIR') return new UserError(`${label} ${path} is a directory; pass a file`);
  if (code === 'ELOOP') return new UserError(`${label} ${path} is a symbolic link loop`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`${label} ${path}: permission denied`);
  return new UserError(`${label} ${path} cannot be read: ${(error as Error).message}`);
}

/**
 * Reads the file a flag names, or standard input for `-`, bounded by `maxBytes`. Errors name the flag and the file,
 * so the user knows which argument to fix.
 */
export async function readInput(
  path: string,
  flag: string,
  cwd: string,
  stdin: AsyncIterable<Uint8Array | string> = process.stdin,
  maxBytes: number = INPUT_LIMITS.configBytes,
): Promise<Buffer> {
  if (path === '-') return readBounded(stdin, maxBytes, () => tooLarge(flag, 'standard input', maxBytes));
  return readRegularFile(resolve(cwd, path), { label: flag, display: path, maxBytes });
}

/** Prefixes parse errors with the flag that named the file, so the message says which argument to fix. */
export function withFlag<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UserError && !error.message.startsWith(flag))
      throw new UserError(`${flag} ${error.message}`, error.hint);
    throw error;
  }
}
