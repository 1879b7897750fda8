import { join } from 'node:path';
import { errorMessage, UserError } from '../../errors.js';
import { pathExists } from '../../fs/path-kind.js';
import { readRegularFile } from '../../fs/read-input.js';

export interface NodeProject {
  readonly name?: string;
  readonly main?: string;
  readonly scripts?: Readonly<Record<string, string>>;
  /** package-lock.json is present: `npm ci` reproduces it exactly. */
  readonly hasLockfile: boolean;
}

/** package.json, when there is one; one that is not a JSON object is an error naming it. */
export async function readNodeProject(dir: string): Promise<NodeProject | undefined> {
  const path = join(dir, 'package.json');
  if (!(await pathExists(path))) return undefined;
  const text = (await readRegularFile(path, { label: 'init:' })).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path} is not valid JSON: ${errorMessage(error)}`, 'Fix package.json, then run init again.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new UserError(
      `${path} is not a JSON object (it holds ${json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`})`,
      'package.json must be an object such as {"name": "my-app"}; fix it, then run init again.',
    );
  }
  return projectFrom(json as { name?: unknown; main?: unknown; scripts?: unknown }, dir);
}

async function projectFrom(
  json: { name?: unknown; main?: unknown; scripts?: unknown },
  dir: string,
): Promise<NodeProject> {
  const scripts =
    typeof json.scripts === 'object' && json.scripts !== null
      ? Object.fromEntries(Object.entries(json.scripts).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
  return {
    ...(typeof json.name === 'string' ? { name: json.name } : {}),
    ...(typeof json.main === 'string' ? { main: json.main } : {}),
    scripts,
    hasLockfile: await pathExists(join(dir, 'package-lock.json')),
  };
}
