import { join } from 'node:path';
import { errorMessage } from '../../errors.js';
import { pathExists } from '../../fs/path-kind.js';
import { readRegularFile } from '../../fs/read-input.js';

export type Optional = { text: string } | { problem: string } | undefined;

/**
 * A project file read only for detection: absent → undefined; unreadable, not a file or too large → the reason (init goes on
 * without it and says so); else its text. Uses the one bounded reader.
 */
export async function readOptional(dir: string, name: string, maxBytes?: number): Promise<Optional> {
  const path = join(dir, name);
  // Anything standing there (a directory too) is read, so a non-file is reported rather than overlooked.
  if (!(await pathExists(path))) return undefined;
  try {
    const buffer = await readRegularFile(path, { label: 'init:', display: name, ...(maxBytes ? { maxBytes } : {}) });
    return { text: buffer.toString('utf8') };
  } catch (error) {
    return { problem: errorMessage(error) };
  }
}

/** The text, or '' when absent or unreadable. */
export async function readText(dir: string, name: string, maxBytes?: number): Promise<string> {
  const read = await readOptional(dir, name, maxBytes);
  return read !== undefined && 'text' in read ? read.text : '';
}
