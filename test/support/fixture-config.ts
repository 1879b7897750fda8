import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../src/config/load.js';
import type { HatobaConfig } from '../../src/config/resolve.js';

/** A configuration from `test/fixtures/<name>`, validated as the CLI would. */
export function fixtureConfig(name: 'hatoba.yml' | 'hatoba-full.yml' | 'hatoba-existing-role.yml'): HatobaConfig {
  const path = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  return parseConfigText(readFileSync(path, 'utf8'), { cwd: '/', env: {}, path }).config;
}
