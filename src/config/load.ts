import { dirname, join, relative, resolve } from 'node:path';
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { isFile, pathExists } from '../fs/path-kind.js';
import { readRegularFile } from '../fs/read-input.js';
import { clip, describeValue } from '../quote.js';
import {
  chooseEnvironment,
  type EnvironmentChoice,
  environmentData,
  normalizeEnvironments,
  overriddenKeys,
} from './environments.js';
import { partitionOf } from './regions.js';
import { type HatobaConfig, resolveConfig } from './resolve.js';
import { configSchema } from './schema.js';
import { configWarnings } from './warnings.js';

export const CONFIG_FILE_NAMES = ['hatoba.yml', 'hatoba.yaml'];

/** `HATOBA_*` variables that override keys of hatoba.yml (flag > environment > file > default). */
export const ENVIRONMENT_OVERRIDES: Record<string, string> = {
  HATOBA_AWS_ACCOUNT: 'aws.account',
  HATOBA_AWS_REGION: 'aws.region',
  HATOBA_ECR_REPOSITORY: 'ecr.repository',
  HATOBA_ECS_CLUSTER: 'ecs.cluster',
  HATOBA_ECS_SERVICE: 'ecs.service',
  HATOBA_GITHUB_ENVIRONMENT: 'github.environment',
};

/** Chooses one of hatoba.yml's `environments` when no `--environment` flag does. */
export const ENVIRONMENT_VARIABLE = 'HATOBA_ENVIRONMENT';

export type ValueSource = 'flag' | 'environment' | 'file' | 'default';

export interface ConfigProblem {
  /** Dotted key, e.g. `ecs.memory` (empty for the whole file). */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the file, when the key is in it. */
  readonly line?: number;
}

export interface LoadedConfig {
  /** The configuration to work with: for a file with `environments`, the chosen environment's. */
  readonly config: HatobaConfig;
  /** Every environment's configuration, in promotion order; empty for a file without `environments`. */
  readonly environments: readonly HatobaConfig[];
  /** By environment name, the keys it sets itself in the file (`aws.account`, `ecs.cpu`, …); empty without any. */
  readonly environmentKeys?: Readonly<Record<string, readonly string[]>>;
  /** Absolute path of the file. */
  readonly path: string;
  /** Directory of the file: relative paths in it (build.context) are relative to this. */
  readonly dir: string;
  /** Where overridden keys came from, by dotted key; keys not listed came from the file or defaults. */
  readonly overrides: Readonly<Record<string, { source: ValueSource; name: string }>>;
  /** What is valid but risky (explicit opt-ins, likely credentials, likely typos); never contains a value. */
  readonly warnings: readonly string[];
}

export interface LoadOptions {
  /** `--config FILE` */
  readonly configPath?: string | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Values from flags, by dotted key, e.g. `{ 'aws.region': 'us-east-1' }`, with the flag name for messages. */
  readonly flags?: Readonly<Record<string, { value: string; flag: string } | undefined>>;
  /** Which environment of `environments` (`--environment`); else HATOBA_ENVIRONMENT, else the only one. */
  readonly environment?: EnvironmentChoice;
}

/** Problems listed at most; a file with thousands (every key unknown) gets the first ones and a count. */
export const MAX_PROBLEMS = 50;

export class ConfigError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
    /** How many problems the file has; more than `problems` when the list was cut at {@link MAX_PROBLEMS}. */
    readonly total: number = problems.length,
  ) {
    const lines = problems.map(
      (p) => `  ${p.line === undefined ? '' : `line ${p.line}: `}${p.path || '(file)'}: ${p.message}`,
    );
    const count = `${total} problem${total === 1 ? '' : 's'}${total > problems.length ? `, the first ${problems.length} shown` : ''}`;
    super(
      `${file} is invalid (${count}):\n${lines.join('\n')}`,
      'Fix the keys above; `hatoba config schema` prints every key with its rules.',
    );
  }
}

export async function findConfigFile(options: Pick<LoadOptions, 'configPath' | 'cwd' | 'env'>): Promise<string> {
  const explicit = options.configPath ?? options.env.HATOBA_CONFIG;
  if (explicit !== undefined) {
    const path = resolve(options.cwd, explicit);
    const origin = options.configPath === undefined ? 'HATOBA_CONFIG' : '--config';
    if (!(await pathExists(path))) {
      throw new UserError(`${origin}: ${explicit} does not exist`, 'Pass the path of your hatoba.yml.');
    }
    // A directory, FIFO or device: the bounded reader says which, before reading a byte.
    if (!(await isFile(path))) await readRegularFile(path, { label: origin, display: explicit });
    return path;
  }
  for (let dir = resolve(options.cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (await isFile(candidate)) return candidate;
    }
    if (dirname(dir) === dir) break;
  }
  throw new UserError(
    `No hatoba.yml in ${options.cwd} or any parent directory`,
    'Run `hatoba init` to create one, or pass --config FILE.',
  );
}

export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const path = await findConfigFile(options);
  const text = (await readRegularFile(path, { label: 'config' })).toString('utf8');
  return parseConfigText(text, { ...options, path });
}

/** Parses and validates hatoba.yml text; `path` is used for messages and relative paths only. */
export function parseConfigText(
  text: string,
  options: Omit<LoadOptions, 'configPath'> & { path: string },
): LoadedConfig {
  const display = relative(options.cwd, options.path) || options.path;
  const lineCounter = new LineCounter();
  // yaml's own duplicate-key check compares every key with every earlier one: minutes for a 1 MiB file of keys.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  if (document.errors.length > 0) {
    throw new ConfigError(
      display,
      document.errors.map((e) => ({
        path: '',
        message: `not valid YAML: ${clip(e.message.split('\n')[0] ?? '')}`,
        line: lineCounter.linePos(e.pos[0]).line,
      })),
    );
  }
  const duplicates = duplicateKeys(document, lineCounter);
  if (duplicates.length > 0) throw new ConfigError(display, duplicates.slice(0, MAX_PROBLEMS), duplicates.length);
  const data = toData(document, lineCounter, display);
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    throw new ConfigError(display, [{ path: '', message: 'must be a mapping of keys (app, github, aws, …)' }]);
  }

  normalizeEnvironments(data as Record<string, unknown>);
  const overrides: Record<string, { source: ValueSource; name: string }> = {};
  const overridden: [key: string, value: string][] = [];
  for (const [variable, key] of Object.entries(ENVIRONMENT_OVERRIDES)) {
    const value = options.env[variable];
    if (value !== undefined && value !== '') {
      overridden.push([key, value]);
      overrides[key] = { source: 'environment', name: variable };
    }
  }
  for (const [key, flag] of Object.entries(options.flags ?? {})) {
    if (flag !== undefined) {
      overridden.push([key, flag.value]);
      overrides[key] = { source: 'flag', name: flag.flag };
    }
  }
  const override = (target: Record<string, unknown>) => {
    for (const [key, value] of overridden) setPath(target, key, value);
  };
  override(data as Record<string, unknown>);

  const fail = (found: (ConfigProblem & { keys: string[] })[]) => {
    // Finding a key's line walks its mapping, so only the problems listed get one (bounded work for any file).
    const problems = found
      .slice(0, MAX_PROBLEMS)
      .map(({ keys, ...problem }) => ({ ...problem, ...lineOf(document, lineCounter, keys) }));
    // In file order, so the list reads top to bottom like the file (sort is stable for keys without a line).
    problems.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
    return new ConfigError(display, problems, found.length);
  };
  const result = configSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw fail(result.error.issues.flatMap((issue) => toProblems(issue, overrides)));

  // Each environment: its keys merged over the top level (flags and HATOBA_* still win), validated as a whole file.
  const environments: HatobaConfig[] = [];
  const names = Object.keys(result.data.environments ?? {});
  const build = {
    account: result.data.aws.account,
    region: result.data.aws.region,
    partition: partitionOf(result.data.aws.region) ?? 'aws',
  };
  const found: (ConfigProblem & { keys: string[] })[] = [];
  for (const name of names) {
    const merged = environmentData(data as Record<string, unknown>, name);
    override(merged);
    const parsed = configSchema.safeParse(merged, { reportInput: true });
    if (parsed.success) environments.push(resolveConfig(parsed.data, { name, names, build }));
    else {
      for (const issue of parsed.error.issues) {
        for (const problem of toProblems(issue, overrides)) {
          found.push({
            ...problem,
            path: `environments.${name}.${problem.path}`,
            keys: ['environments', name, ...problem.keys],
          });
        }
      }
    }
  }
  if (found.length > 0) throw fail(found);
  const config = chooseEnvironment(environments, environmentChoice(options), display) ?? resolveConfig(result.data);
  return {
    config,
    environments,
    environmentKeys: Object.fromEntries(
      names.map((name) => [name, overriddenKeys(data as Record<string, unknown>, name)]),
    ),
    path: options.path,
    dir: dirname(options.path),
    overrides,
    warnings: [...new Set([config, ...environments].flatMap((each) => configWarnings(each)))],
  };
}

/** `--environment`, else HATOBA_ENVIRONMENT. */
function environmentChoice(options: Pick<LoadOptions, 'environment' | 'env'>): EnvironmentChoice {
  const choice = options.environment ?? {};
  if (choice.name !== undefined) return choice;
  const fromEnv = options.env[ENVIRONMENT_VARIABLE];
  return fromEnv === undefined || fromEnv === '' ? choice : { ...choice, name: fromEnv, origin: ENVIRONMENT_VARIABLE };
}

/** Keys given twice in one mapping (YAML forbids it; yaml would keep the last silently). One pass, a set per map. */
function duplicateKeys(document: Document, lineCounter: LineCounter): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  visit(document, {
    Map(_key, map, ancestors) {
      const seen = new Map<string, number>();
      const parents = ancestors.filter(isPair).map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key));
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const line = lineCounter.linePos(pair.key.range?.[0] ?? 0).line;
        const first = seen.get(name);
        if (first === undefined) seen.set(name, line);
        else {
          const path = [...parents, name].map((part) => clip(part)).join('.');
          problems.push({ path, line, message: `duplicate key (first on line ${first}); give each key once` });
        }
      }
    },
  });
  return problems;
}

/**
 * The document as plain data. yaml refuses to expand aliases past a budget (its `maxAliasCount`, default 100), which
 * is what stops a "billion laughs" document; that refusal becomes a problem at the first alias.
 */
function toData(document: Document, lineCounter: LineCounter, display: string): unknown {
  try {
    return document.toJS() ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError && /alias/i.test(error.message))) throw error;
    let offset: number | undefined;
    visit(document, {
      Alias(_key, node) {
        offset = node.range?.[0];
        return visit.BREAK;
      },
    });
    throw new ConfigError(display, [
      {
        path: '',
        message:
          'aliases (*name) expand to too much data (a YAML "billion laughs" document); hatoba.yml needs no aliases',
        ...(offset === undefined ? {} : { line: lineCounter.linePos(offset).line }),
      },
    ]);
  }
}

/** The problems one zod issue stands for, with the keys that locate each in the document. */
function toProblems(
  issue: z.core.$ZodIssue,
  overrides: Record<string, { source: ValueSource; name: string }>,
): (ConfigProblem & { keys: string[] })[] {
  const path = issue.path.map(String);
  const key = path.map((part) => clip(part)).join('.');
  const origin = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
  const from = origin === undefined ? '' : ` (from ${origin.name})`;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((unknown) => ({
      path: [...path, unknown].map((part) => clip(part)).join('.'),
      message: 'unknown key (see `hatoba config schema` for the keys allowed here)',
      keys: [...path, unknown],
    }));
  }
  return [{ path: key, message: describeIssue(issue) + from, keys: path }];
}

// zod's own messages start like this; anything else was written in schema.ts and is already specific.
const GENERIC_MESSAGE = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = 'input' in issue ? issue.input : undefined;
  if (!GENERIC_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_key':
      return issue.issues.map((nested) => describeIssue(nested)).join('; ');
    case 'invalid_value':
      return `${describeValue(input)} is not one of ${issue.values.map((v) => describeValue(v)).join(', ')}`;
    case 'invalid_union':
      return `${describeValue(input)} is not allowed`;
    case 'invalid_type':
      return input === undefined ? 'is required' : `expected ${issue.expected}, got ${describeValue(input)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`
        : `${describeValue(input)} is below the minimum ${issue.minimum}`;
    case 'too_big':
      return `${describeValue(input)} is above the maximum ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function lineOf(document: Document, lineCounter: LineCounter, path: string[]): { line?: number } {
  for (let depth = path.length; depth > 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return { line: lineCounter.linePos(node.range[0]).line };
    const parent = depth > 1 ? document.getIn(path.slice(0, depth - 1), true) : document.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => String((item.key as { value?: unknown })?.value) === path[depth - 1]);
      const keyNode = pair?.key as { range?: [number, number, number] } | undefined;
      if (keyNode?.range) return { line: lineCounter.linePos(keyNode.range[0]).line };
    }
  }
  return {};
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}
