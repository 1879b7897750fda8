import type { AwsClients } from '../aws/clients.js';
import type { HatobaConfig } from '../config/resolve.js';
import type { Language } from '../i18n/language.js';
import { type Message, say } from '../i18n/message.js';
import { DOCTOR, type DoctorKey } from '../i18n/messages/doctor.js';
import { LINT, type LintKey } from '../i18n/messages/lint.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One verdict of `hatoba doctor`. `id` is stable (scripts and docs key on it); `fix` says what to change. */
export interface CheckResult {
  readonly id: string;
  readonly status: CheckStatus;
  readonly message: string;
  readonly fix?: string;
  /** Supporting lines: the subjects, actions or findings the message summarizes. */
  readonly details?: readonly string[];
  /** Message and fix as catalogue messages, where the check has them (src/report/ renders them in the reader's language). */
  readonly text?: { readonly message?: CheckMessage; readonly fix?: CheckMessage };
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

/** English text, or a message of the doctor catalogue (rendered in the reader's language by src/report/doctor.ts). */
export type CheckText = string | CheckMessage;

/** Doctor's own messages, or a lint rule's where a check passes a workflow finding on. */
export type CheckMessage = Message<DoctorKey> | Message<LintKey>;

/** A check's message in `language`, from the catalogue it belongs to. */
export function sayCheck(text: CheckMessage, language: Language): string {
  return text.id in DOCTOR.en
    ? say(DOCTOR, language, text as Message<DoctorKey>)
    : say(LINT, language, text as Message<LintKey>);
}

export const ok = (id: string, message: CheckText, details?: readonly string[]): CheckResult => ({
  id,
  status: 'ok',
  ...words(message),
  ...(details === undefined ? {} : { details }),
});

export const warn = (id: string, message: CheckText, fix: CheckText, details?: readonly string[]): CheckResult => ({
  id,
  status: 'warn',
  ...words(message, fix),
  ...(details === undefined || details.length === 0 ? {} : { details }),
});

export const fail = (id: string, message: CheckText, fix: CheckText, details?: readonly string[]): CheckResult => ({
  id,
  status: 'fail',
  ...words(message, fix),
  ...(details === undefined || details.length === 0 ? {} : { details }),
});

/** `message` and `fix` in English (what --json has always printed), and the catalogue messages among them as `text`. */
function words(message: CheckText, fix?: CheckText): Pick<CheckResult, 'message' | 'fix' | 'text'> {
  const english = (t: CheckText) => (typeof t === 'string' ? t : sayCheck(t, 'en'));
  const text = {
    ...(typeof message === 'string' ? {} : { message }),
    ...(fix === undefined || typeof fix === 'string' ? {} : { fix }),
  };
  return {
    message: english(message),
    ...(fix === undefined ? {} : { fix: english(fix) }),
    ...(Object.keys(text).length === 0 ? {} : { text }),
  };
}

/** The AWS error's name (`RepositoryNotFoundException`, …), or undefined. */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}
