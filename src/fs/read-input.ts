import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Reads the file a flag names, or standard input for `-`. Errors name the flag and the file, so the user knows
 * which argument to fix.
 */
export async function readInput(
  path: string,
  flag: string,
  cwd: string,
  stdin: AsyncIterable<Uint8Array | string> = process.stdin,
): Promise<Buffer> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolve(cwd, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${flag} ${path}: no such file`);
    if (code === 'EISDIR') throw new UserError(`${flag} ${path} is a directory; pass a file`);
    throw new UserError(`${flag} ${path} cannot be read: ${(error as Error).message}`);
  }
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
