import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/** True when anything (file, directory, …) exists at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  return (await statOrUndefined(path)) !== undefined;
}

export async function isFile(path: string): Promise<boolean> {
  return (await statOrUndefined(path))?.isFile() ?? false;
}

export async function isDirectory(path: string): Promise<boolean> {
  return (await statOrUndefined(path))?.isDirectory() ?? false;
}
