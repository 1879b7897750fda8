import type { Finding } from '../github/lint/finding.js';
import type { LintRepositoryResult } from '../github/lint/lint-repository.js';
import { annotate, line, type Style, type Writer } from './output.js';

/** One workflow annotation per finding, so each shows on the line it is about. */
export function annotateFindings(writer: Writer, findings: readonly Finding[]): void {
  for (const f of findings) {
    annotate(writer, {
      level: f.severity,
      file: f.file,
      line: f.line,
      title: f.rule,
      message: `${f.message}. ${f.fix}`,
    });
  }
}

/** `hatoba lint` for people: the trust policy's warnings on stderr, then each finding and a count on stdout. */
export function printLintResult(
  out: { readonly stdout: Writer; readonly stderr: Writer },
  s: Style,
  result: LintRepositoryResult,
): void {
  const { findings, target } = result;
  for (const warning of result.warnings) line(out.stderr, `${s.warn('warning')} ${warning.message}`);
  for (const f of findings) printFinding(out.stdout, s, f);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warningCount = findings.length - errors;
  const checked = `${result.workflowsRead} workflow${result.workflowsRead === 1 ? '' : 's'}`;
  const against = target === undefined ? '' : ` against ${target.source}`;
  if (findings.length === 0) line(out.stdout, `${s.ok('✓')} ${checked} checked${against}: no findings`);
  else {
    line(
      out.stdout,
      `${errors > 0 ? s.bad('✗') : s.warn('!')} ${checked} checked${against}: ${plural(errors, 'error')}, ${plural(warningCount, 'warning')}`,
    );
  }
  if (target === undefined) {
    line(out.stdout, s.dim('  trust checks skipped: no hatoba.yml found and no --trust-policy given'));
  }
}

function printFinding(out: Writer, s: Style, f: Finding): void {
  const severity = f.severity === 'error' ? s.bad('error') : s.warn('warning');
  line(out, `${f.file}:${f.line}: ${severity} ${s.bold(f.rule)}: ${f.message}`);
  line(out, s.dim(`  fix: ${f.fix}`));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
