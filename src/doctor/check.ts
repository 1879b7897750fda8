import type { AwsClients } from '../aws/clients.js';
import type { HatobaConfig } from '../config/resolve.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One verdict of `hatoba doctor`. `id` is stable (scripts and docs key on it); `fix` says what to change. */
export interface CheckResult {
  readonly id: string;
  readonly status: CheckStatus;
  readonly message: string;
  readonly fix?: string;
  /** Supporting lines: the subjects, actions or findings the message summarizes. */
  readonly details?: readonly string[];
}

export interface DoctorInput {
  readonly config: HatobaConfig;
  /** hatoba.yml as given, for messages. */
  readonly configPath: string;
  readonly clients: Omit<AwsClients, never>;
  /** Repository root (or workflows directory) whose workflows are checked, and where paths are shown from. */
  readonly dir: string;
  readonly cwd: string;
  readonly signal?: AbortSignal | undefined;
}

/** One area of the live setup; its results carry ids under `id`. A check reads, never writes. */
export interface DoctorCheck {
  readonly id: string;
  run(input: DoctorInput): Promise<CheckResult[]>;
}

export const ok = (id: string, message: string, details?: readonly string[]): CheckResult => ({
  id,
  status: 'ok',
  message,
  ...(details === undefined ? {} : { details }),
});

export const warn = (id: string, message: string, fix: string, details?: readonly string[]): CheckResult => ({
  id,
  status: 'warn',
  message,
  fix,
  ...(details === undefined || details.length === 0 ? {} : { details }),
});

export const fail = (id: string, message: string, fix: string, details?: readonly string[]): CheckResult => ({
  id,
  status: 'fail',
  message,
  fix,
  ...(details === undefined || details.length === 0 ? {} : { details }),
});

/** The AWS error's name (`RepositoryNotFoundException`, …), or undefined. */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}
