import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type LoadedConfig, parseConfigText } from '../../src/config/load.js';
import type { HatobaConfig } from '../../src/config/resolve.js';

/** A configuration from `test/fixtures/<name>`, validated as the CLI would. */
export function fixtureConfig(name: 'hatoba.yml' | 'hatoba-full.yml' | 'hatoba-existing-role.yml'): HatobaConfig {
  const path = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  return parseConfigText(readFileSync(path, 'utf8'), { cwd: '/', env: {}, path }).config;
}

export type EnvironmentFixture = 'two-accounts.yml' | 'one-account.yml' | 'three-environments.yml';

/** `test/fixtures/environments/<name>` as the CLI loads it with `--environment <environment>`. */
export function environmentFixture(name: EnvironmentFixture, environment: string): LoadedConfig {
  const path = fileURLToPath(new URL(`../fixtures/environments/${name}`, import.meta.url));
  return parseConfigText(readFileSync(path, 'utf8'), { cwd: '/', env: {}, path, environment: { name: environment } });
}
