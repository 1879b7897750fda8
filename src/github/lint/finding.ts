import type { Message } from '../../i18n/message.js';
import type { LintKey } from '../../i18n/messages/lint.js';
export type Severity = 'error' | 'warning';

/** One problem in one workflow file. `rule` is a stable id (`id-token-permission`, `actionlint/expression`, …). */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** Path as given to lint (relative to the directory it ran in). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  readonly message: string;
  /** What to change. */
  readonly fix: string;
  /**
   * The message and fix as catalogue messages, for src/report/ to put in the reader's language; absent for
   * actionlint's findings (its own words) and rules not yet in the catalogue.
   */
  readonly text?: FindingText;
}

export interface FindingText {
  readonly message: Message<LintKey>;
  readonly fix: Message<LintKey>;
}

/** Errors first, then by file and line, so output is stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (s: Severity) => (s === 'error' ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      rank(a.severity) - rank(b.severity) ||
      a.rule.localeCompare(b.rule),
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what must not reach a terminal
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The finding without terminal control characters (escape sequences, bidi overrides): its text quotes job ids, step
 * names and paths from the workflow, which must not be able to rewrite the terminal that shows them.
 */
export function withoutControlCharacters(f: Finding): Finding {
  return { ...f, file: withoutControls(f.file), message: withoutControls(f.message), fix: withoutControls(f.fix) };
}

/** `text` without terminal control characters (a finding in another language is cleaned the same way). */
export function withoutControls(text: string): string {
  return text.replace(CONTROL, '');
}
