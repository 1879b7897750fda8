import { isAbsolute, relative, sep } from 'node:path';

/** A path as the user reads it: relative to `cwd` when it lies below it, absolute otherwise (no `../../dev/null`). */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return path;
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? path : rel;
}
