import { dirname, join, relative, resolve } from 'node:path';
import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { isFile, pathExists } from '../fs/path-kind.js';
import { readRegularFile } from '../fs/read-input.js';
import { type Message, message, say } from '../i18n/message.js';
import { CONFIG, type ConfigKey } from '../i18n/messages/config.js';
import { wordedError } from '../i18n/worded-error.js';
import { clip, describeValue } from '../quote.js';
import {
  chooseEnvironment,
  type EnvironmentChoice,
  environmentData,
  normalizeEnvironments,
  overriddenKeys,
} from './environments.js';
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
  /** The message as a catalogue message, when it is one of the generic forms (schema.ts's own words are English). */
  readonly text?: Message<ConfigKey>;
}

/** A problem from its catalogue message: English `message`, and the message kept for other languages. */
function problem(path: string, text: Message<ConfigKey>, line?: number): ConfigProblem {
  return { path, message: say(CONFIG, 'en', text), text, ...(line === undefined ? {} : { line }) };
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
    const lines = problems.map((p) => {
      // A problem in schema.ts's own words is quoted as it is in every language.
      const words = p.text ?? message('problem.verbatim', { text: p.message });
      const params = { path: p.path || message('config.file'), message: words };
      return p.line === undefined
        ? message('config.problem', params)
        : message('config.problem.line', { ...params, line: p.line });
    });
    const count =
      total > problems.length
        ? message('config.count.cut', { total, shown: problems.length })
        : message(total === 1 ? 'config.count.one' : 'config.count', { total });
    const wording = message('config.invalid', { file, count, problems: { items: lines, separator: '\n' } });
    const hint = message('config.invalid.hint');
    super(say(CONFIG, 'en', wording), say(CONFIG, 'en', hint), { message: wording, hint });
  }
}

export async function findConfigFile(options: Pick<LoadOptions, 'configPath' | 'cwd' | 'env'>): Promise<string> {
  const explicit = options.configPath ?? options.env.HATOBA_CONFIG;
  if (explicit !== undefined) {
    const path = resolve(options.cwd, explicit);
    const origin = options.configPath === undefined ? 'HATOBA_CONFIG' : '--config';
    if (!(await pathExists(path))) {
      throw wordedError(message('config-missing', { origin, path: explicit }), message('config-missing.hint'));
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
  throw wordedError(message('no-config', { cwd: options.cwd }), message('no-config.hint'));
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
      // The YAML parser's own words, quoted as they are.
      document.errors.map((e) =>
        problem(
          '',
          message('problem.not-yaml', { error: clip(e.message.split('\n')[0] ?? '') }),
          lineCounter.linePos(e.pos[0]).line,
        ),
      ),
    );
  }
  const duplicates = duplicateKeys(document, lineCounter);
  if (duplicates.length > 0) throw new ConfigError(display, duplicates.slice(0, MAX_PROBLEMS), duplicates.length);
  const data = toData(document, lineCounter, display);
  if (typeof data !== 'object' || Array.isArray(data) || data === null) {
    throw new ConfigError(display, [problem('', message('problem.not-mapping'))]);
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
  // The top level as a configuration of its own: a single-environment file's, and the build account of the others.
  const top = resolveConfig(result.data);
  const build = { account: top.aws.account, region: top.aws.region, partition: top.aws.partition };
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
  const config = chooseEnvironment(environments, environmentChoice(options), display) ?? top;
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
          problems.push(problem(path, message('problem.duplicate-key', { line: first }), line));
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
      problem('', message('problem.aliases'), offset === undefined ? undefined : lineCounter.linePos(offset).line),
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
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((unknown) => ({
      ...problem([...path, unknown].map((part) => clip(part)).join('.'), message('problem.unknown-key')),
      keys: [...path, unknown],
    }));
  }
  const described = describeIssue(issue);
  if (typeof described === 'string') {
    return [{ path: key, message: described + (origin === undefined ? '' : ` (from ${origin.name})`), keys: path }];
  }
  const text = origin === undefined ? described : message('problem.from', { problem: described, name: origin.name });
  return [{ ...problem(key, text), keys: path }];
}

// zod's own messages start like this; anything else was written in schema.ts and is already specific.
const GENERIC_MESSAGE = /^(Invalid|Too (small|big)|Expected|Unrecognized)/;

/** zod's generic forms as catalogue messages; schema.ts's own messages (already specific) as the English they are. */
function describeIssue(issue: z.core.$ZodIssue): string | Message<ConfigKey> {
  const input = 'input' in issue ? issue.input : undefined;
  // schema.ts's own rules carry their catalogue message in params (see `worded` there).
  const worded = issue.code === 'custom' ? (issue.params?.message as Message<ConfigKey> | undefined) : undefined;
  if (worded !== undefined) return worded;
  if (!GENERIC_MESSAGE.test(issue.message)) return issue.message;
  const value = describeValue(input);
  switch (issue.code) {
    case 'invalid_key': {
      const nested = issue.issues.map((inner) => describeIssue(inner));
      if (nested.some((n) => typeof n === 'string')) {
        return nested.map((n) => (typeof n === 'string' ? n : say(CONFIG, 'en', n))).join('; ');
      }
      return message('problem.list', { problems: { items: nested as Message<ConfigKey>[], separator: '; ' } });
    }
    case 'invalid_value':
      return message('problem.not-one-of', { value, values: issue.values.map((v) => describeValue(v)).join(', ') });
    case 'invalid_union':
      return message('problem.not-allowed', { value });
    case 'invalid_type':
      return input === undefined
        ? message('problem.required')
        : message('problem.expected', { expected: issue.expected, value });
    case 'too_small':
      return issue.origin === 'array'
        ? message(issue.minimum === 1 ? 'problem.too-few.one' : 'problem.too-few', { minimum: String(issue.minimum) })
        : message('problem.below-minimum', { value, minimum: String(issue.minimum) });
    case 'too_big':
      return message('problem.above-maximum', { value, maximum: String(issue.maximum) });
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
