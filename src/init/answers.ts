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
}

const QUESTIONS: readonly Question[] = [
  { key: 'app', flag: '--app', prompt: 'App name (names the stacks, ECR repository and ECS service)', required: true },
  { key: 'repository', flag: '--repository', prompt: 'GitHub repository (owner/repo)', required: true },
  { key: 'branch', flag: '--branch', prompt: 'Branches that deploy (comma-separated)', required: true },
  {
    key: 'environment',
    flag: '--environment',
    prompt: 'GitHub environment of the deploy jobs (empty: none)',
    required: false,
  },
  { key: 'account', flag: '--account', prompt: 'AWS account id (12 digits)', required: true },
  { key: 'region', flag: '--region', prompt: 'AWS Region', required: true },
  {
    key: 'roleArn',
    flag: '--role-arn',
    prompt: 'Do you already have a deploy role? ARN (empty: hatoba up creates one)',
    required: false,
  },
  { key: 'port', flag: '--port', prompt: 'Container port', required: true },
  { key: 'architecture', flag: '--architecture', prompt: 'CPU architecture (X86_64 or ARM64)', required: true },
];

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
    let value =
      given ?? (prompter ? await prompter.ask(question.prompt, defaults[question.key]) : defaults[question.key]);
    value = value?.trim();
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
    branches: (values.branch ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== ''),
    environment: values.environment,
    account: values.account ?? '',
    region: values.region ?? '',
    port: Number(values.port),
    architecture: (values.architecture ?? '').toUpperCase(),
    roleArn: values.roleArn,
  };
}

const EXAMPLES: Record<string, string> = {
  '--app': 'hello-service',
  '--repository': 'octo-org/hello-service',
  '--branch': 'main',
  '--account': '123456789012',
  '--region': 'eu-west-1',
  '--port': '8080',
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
