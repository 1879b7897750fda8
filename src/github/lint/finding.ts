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
