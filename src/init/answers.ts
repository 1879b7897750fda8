import { fieldProblem } from '../config/field.js';
import { UserError } from '../errors.js';
import type { Prompter } from './prompts.js';

/** What `hatoba init` needs to know; every answer has a flag so CI can run it without a terminal. */
export interface Answers {
  readonly app: string;
  readonly repository: string;
  readonly branches: readonly string[];
  readonly environment: string | undefined;
  readonly account: string;
  readonly region: string;
  readonly port: number;
  readonly healthCheckPath: string | undefined;
  readonly architecture: string;
  /** An existing deploy role (`github.roleArn`); undefined: `hatoba up` creates one. */
  readonly roleArn: string | undefined;
}

export interface AnswerFlags {
  readonly app?: string | undefined;
  readonly repository?: string | undefined;
  readonly branch?: readonly string[] | undefined;
  readonly environment?: string | undefined;
  readonly account?: string | undefined;
  readonly region?: string | undefined;
  readonly port?: string | undefined;
  readonly healthCheckPath?: string | undefined;
  readonly architecture?: string | undefined;
  readonly roleArn?: string | undefined;
}

/** Detected or remembered values, used as defaults (and as answers when nobody can be asked). */
export type AnswerDefaults = { readonly [K in keyof AnswerFlags]?: string | undefined };

interface Question {
  readonly key: Exclude<keyof AnswerFlags, 'branch'> | 'branch';
  readonly flag: string;
  readonly prompt: string;
  /** Without a value the config cannot be written. */
  readonly required: boolean;
  /** The hatoba.yml key the answer becomes: each typed answer is checked with that key's own schema. */
  readonly path: readonly string[];
  /** The typed text as the value hatoba.yml holds. */
  readonly convert?: (text: string) => unknown;
}

const list = (text: string) =>
  text
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
/** Digits become a number; anything else stays text, so the schema's message quotes what was typed. */
const integer = (text: string) => (/^\d+$/.test(text) ? Number(text) : text);

const QUESTIONS: readonly Question[] = [
  {
    key: 'app',
    flag: '--app',
    prompt: 'App name (names the stacks, ECR repository and ECS service)',
    required: true,
    path: ['app'],
  },
  {
    key: 'repository',
    flag: '--repository',
    prompt: 'GitHub repository (owner/repo)',
    required: true,
    path: ['github', 'repository'],
  },
  {
    key: 'branch',
    flag: '--branch',
    prompt: 'Branches that deploy (comma-separated)',
    required: true,
    path: ['github', 'branches'],
    convert: list,
  },
  {
    key: 'environment',
    flag: '--environment',
    prompt: 'GitHub environment of the deploy jobs (empty: none)',
    required: false,
    path: ['github', 'environment'],
  },
  { key: 'account', flag: '--account', prompt: 'AWS account id (12 digits)', required: true, path: ['aws', 'account'] },
  { key: 'region', flag: '--region', prompt: 'AWS Region', required: true, path: ['aws', 'region'] },
  {
    key: 'roleArn',
    flag: '--role-arn',
    prompt: 'Do you already have a deploy role? ARN (empty: hatoba up creates one)',
    required: false,
    path: ['github', 'roleArn'],
  },
  {
    key: 'port',
    flag: '--port',
    prompt: 'Container port',
    required: true,
    path: ['ecs', 'container', 'port'],
    convert: integer,
  },
  {
    key: 'healthCheckPath',
    flag: '--health-check-path',
    prompt: 'Health check path (the load balancer expects 200–399 from it)',
    required: false,
    path: ['ecs', 'container', 'healthCheckPath'],
  },
  {
    key: 'architecture',
    flag: '--architecture',
    prompt: 'CPU architecture (X86_64 or ARM64)',
    required: true,
    path: ['ecs', 'architecture'],
    convert: (text) => text.toUpperCase(),
  },
];

/** Wrong answers in a row before init stops asking the same question. */
const MAX_ATTEMPTS = 5;

/**
 * Flags first; then, on a terminal, a question per missing answer (the default shown in brackets); without a terminal
 * the defaults. Whatever is still missing is a usage error naming the flags to pass.
 */
export async function gatherAnswers(
  flags: AnswerFlags,
  defaults: AnswerDefaults,
  prompter: Prompter | undefined,
): Promise<Answers> {
  const values: Partial<Record<Question['key'], string>> = {};
  const missing: string[] = [];
  for (const question of QUESTIONS) {
    const given = question.key === 'branch' ? flags.branch?.join(',') || undefined : flags[question.key];
    const value = (
      given ?? (prompter ? await askValid(prompter, question, defaults[question.key]) : defaults[question.key])
    )?.trim();
    if (value === undefined || value === '') {
      if (question.required) missing.push(question.flag);
      continue;
    }
    values[question.key] = value;
  }
  if (missing.length > 0) {
    throw new UserError(
      `hatoba init needs ${missing.join(', ')} (no terminal to ask on, and nothing to detect them from)`,
      `Pass them as flags, e.g. hatoba init ${missing.map((flag) => `${flag} ${EXAMPLES[flag] ?? 'VALUE'}`).join(' ')}`,
    );
  }
  return {
    app: values.app ?? '',
    repository: values.repository ?? '',
    branches: list(values.branch ?? ''),
    environment: values.environment,
    account: values.account ?? '',
    region: values.region ?? '',
    port: Number(values.port),
    healthCheckPath: values.healthCheckPath,
    architecture: (values.architecture ?? '').toUpperCase(),
    roleArn: values.roleArn,
  };
}

/**
 * Asks until the answer passes the key's schema, saying why each rejected answer is wrong: a typo costs one
 * question, not the whole session. An empty answer to an optional question is valid.
 */
async function askValid(prompter: Prompter, question: Question, fallback: string | undefined): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = (await prompter.ask(question.prompt, fallback)).trim();
    if (answer === '' && !question.required) return answer;
    const problem =
      answer === '' ? 'an answer is required' : fieldProblem(question.path, (question.convert ?? String)(answer));
    if (problem === undefined) return answer;
    if (attempt >= MAX_ATTEMPTS) {
      throw new UserError(
        `${question.path.join('.')}: ${problem}`,
        `Pass a valid value with ${question.flag}, e.g. ${question.flag} ${EXAMPLES[question.flag] ?? 'VALUE'}`,
      );
    }
    prompter.tell?.(`  ${problem}; try again.`);
  }
}

const EXAMPLES: Record<string, string> = {
  '--app': 'hello-service',
  '--repository': 'octo-org/hello-service',
  '--branch': 'main',
  '--account': '123456789012',
  '--region': 'ap-northeast-1',
  '--port': '8080',
  '--health-check-path': '/healthz',
  '--architecture': 'X86_64',
};

/** An app name from a package or directory name: lowercase, letters, digits and single hyphens. */
export function appNameFrom(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const cleaned = name
    .replace(/^@[^/]+\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return cleaned.length >= 2 ? cleaned : undefined;
}
