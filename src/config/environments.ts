import { message } from '../i18n/message.js';
import { wordedError } from '../i18n/worded-error.js';
import type { HatobaConfig } from './resolve.js';

type Data = Record<string, unknown>;

const isMapping = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `a` with `b` laid over it: mappings merge key by key, anything else in `b` (values, lists) replaces. */
export function deepMerge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (!isMapping(a) || !isMapping(b)) return b;
  const merged: Data = { ...a };
  for (const [key, value] of Object.entries(b)) merged[key] = deepMerge(a[key], value);
  return merged;
}

/**
 * hatoba.yml as one environment sees it: the top level with the environment's keys merged over it and its GitHub
 * environment set (default: its key), without `environments`. Validated with the same schema as a single-environment
 * file, so every rule (Fargate sizes, variable limits, …) holds per environment.
 */
export function environmentData(data: Data, name: string): Data {
  const { environments, ...top } = data;
  const raw = isMapping(environments) ? environments[name] : undefined;
  const overrides: Data = isMapping(raw) ? raw : {};
  const github = isMapping(overrides.github) ? overrides.github : {};
  return deepMerge(top, {
    ...overrides,
    github: { ...github, environment: github.environment ?? name },
  }) as Data;
}

/**
 * The keys an environment sets itself, as dotted paths to the values it replaces (`aws.account`,
 * `ecs.container.environment.LOG_LEVEL`); a list is one key. Empty for an environment that inherits everything.
 */
export function overriddenKeys(data: Data, name: string): string[] {
  const { environments } = data;
  const raw = isMapping(environments) ? environments[name] : undefined;
  const keys: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (isMapping(value) && Object.keys(value).length > 0) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path === '' ? key : `${path}.${key}`);
    } else if (path !== '') keys.push(path);
  };
  if (isMapping(raw)) walk(raw, '');
  return keys;
}

/** `environments: {staging: }` (an environment with every setting inherited) reads as null; it means `{}`. */
export function normalizeEnvironments(data: Data): void {
  const { environments } = data;
  if (!isMapping(environments)) return;
  for (const [name, value] of Object.entries(environments)) if (value === null) environments[name] = {};
}

export interface EnvironmentChoice {
  /** `--environment NAME` (or HATOBA_ENVIRONMENT). */
  readonly name?: string | undefined;
  /** What named it, for messages: `--environment` or `HATOBA_ENVIRONMENT`. */
  readonly origin?: string | undefined;
  /** The command works on every environment (lint, init): without a name, take the first instead of refusing. */
  readonly any?: boolean | undefined;
}

/**
 * The environment a command works on: the one named, else the only one; several without a name is an error listing
 * them (exit 2). A file without `environments` has none to choose from.
 */
export function chooseEnvironment(
  environments: readonly HatobaConfig[],
  choice: EnvironmentChoice,
  file: string,
): HatobaConfig | undefined {
  const origin = choice.origin ?? '--environment';
  const names = environments.map((config) => config.environment?.name ?? '');
  if (environments.length === 0) {
    if (choice.name === undefined) return undefined;
    throw wordedError(
      message('environment.none', { origin, name: choice.name, file }),
      message('environment.none.hint', { origin, file }),
    );
  }
  if (choice.name === undefined) {
    if (environments.length === 1 || choice.any) return environments[0];
    throw wordedError(
      message('environment.which', { file, count: environments.length, names: names.join(', ') }),
      message('environment.which.hint', { first: String(names[0]) }),
    );
  }
  const chosen = environments.find((config) => config.environment?.name === choice.name);
  if (chosen === undefined) {
    throw wordedError(
      message('environment.unknown', {
        origin,
        name: choice.name,
        file,
        quoted: JSON.stringify(choice.name),
        names: names.join(', '),
      }),
      message('environment.unknown.hint', { choices: names.map((name) => `${origin} ${name}`).join(', ') }),
    );
  }
  return chosen;
}
