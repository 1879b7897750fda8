import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isFile } from '../../fs/path-kind.js';
import { readText } from './read-optional.js';

export interface GoProject {
  /** major.minor from go.mod's `go` line, for the golang:X.Y build image. */
  readonly go: string;
  readonly hasSum: boolean;
  /** The main package to build (`.`, `./cmd/server`), when there is exactly one obvious one. */
  readonly mainPackage?: string;
}

/** Used when go.mod has no `go` line (it is optional before Go 1.21). */
export const DEFAULT_GO = '1.25';

const isMain = (text: string) => /^package main\b/m.test(text);

export async function detectGo(dir: string): Promise<GoProject | undefined> {
  if (!(await isFile(join(dir, 'go.mod')))) return undefined;
  const mod = await readText(dir, 'go.mod');
  const go = /^go\s+(1\.\d+)/m.exec(mod)?.[1] ?? DEFAULT_GO;
  const mainPackage = await findMain(dir);
  return { go, hasSum: await isFile(join(dir, 'go.sum')), ...(mainPackage === undefined ? {} : { mainPackage }) };
}

/** `.` when the root holds package main; else the one cmd/NAME that does. Several, or none: unknown. */
async function findMain(dir: string): Promise<string | undefined> {
  if (await hasMainFile(dir)) return '.';
  const commands = await readdir(join(dir, 'cmd'), { withFileTypes: true }).catch(() => []);
  const mains: string[] = [];
  for (const entry of commands) {
    if (entry.isDirectory() && (await hasMainFile(join(dir, 'cmd', entry.name)))) mains.push(entry.name);
  }
  return mains.length === 1 ? `./cmd/${mains[0]}` : undefined;
}

async function hasMainFile(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.slice(0, 100)) {
    if (entry.isFile() && entry.name.endsWith('.go') && !entry.name.endsWith('_test.go')) {
      if (isMain(await readText(dir, entry.name, 256 * 1024))) return true;
    }
  }
  return false;
}
