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
  const clean = (text: string) => text.replace(CONTROL, '');
  return { ...f, file: clean(f.file), message: clean(f.message), fix: clean(f.fix) };
}
