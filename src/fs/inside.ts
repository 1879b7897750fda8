import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';

/** The real path of `path` (symbolic links resolved), for a path whose last parts may not exist yet. */
async function realPathOfFuture(path: string): Promise<string> {
  const missing: string[] = [];
  for (let current = path; ; current = dirname(current)) {
    try {
      return join(await realpath(current), ...missing.reverse());
    } catch {
      if (dirname(current) === current) return path;
      missing.push(basename(current));
    }
  }
}

/**
 * True when `path` lies inside `root`, also after symbolic links are followed: a link inside the project that points
 * out of it does not count as inside.
 */
export async function isInside(root: string, path: string): Promise<boolean> {
  const rel = relative(await realPathOfFuture(root), await realPathOfFuture(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}
