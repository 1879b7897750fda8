import { type Finding, withoutControls } from '../github/lint/finding.js';
import type { LintRepositoryResult } from '../github/lint/lint-repository.js';
import type { Language } from '../i18n/language.js';
import { type Message, message, say } from '../i18n/message.js';
import { LINT, type LintKey } from '../i18n/messages/lint.js';
import { annotate, line, type Style, type Writer } from './output.js';

/** One workflow annotation per finding, so each shows on the line it is about. */
export function annotateFindings(writer: Writer, findings: readonly Finding[], lang: Language = 'en'): void {
  for (const f of findings) {
    const text = localizedFinding(f, lang);
    annotate(writer, {
      level: f.severity,
      file: f.file,
      line: f.line,
      title: f.rule,
      message: say(LINT, lang, message('annotation', { message: text.message, fix: text.fix })),
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
  const t = (text: Message<LintKey>) => say(LINT, s.lang, text);
  const count = (n: number, one: LintKey, many: LintKey) => t(message(n === 1 ? one : many, { count: n }));
  const workflows = count(result.workflowsRead, 'workflow', 'workflows');
  const checked = t(
    target === undefined
      ? message('checked', { workflows })
      : message('checked.against', { workflows, source: target.sourceMessage ?? target.source }),
  );
  if (findings.length === 0) line(out.stdout, `${s.ok('✓')} ${checked}: ${t(message('no-findings'))}`);
  else {
    line(
      out.stdout,
      `${errors > 0 ? s.bad('✗') : s.warn('!')} ${checked}: ${count(errors, 'error', 'errors')}, ${count(warningCount, 'warning', 'warnings')}`,
    );
  }
  if (target === undefined) line(out.stdout, s.dim(`  ${t(message('trust-skipped'))}`));
}

function printFinding(out: Writer, s: Style, f: Finding): void {
  const severity =
    f.severity === 'error'
      ? s.bad(say(LINT, s.lang, message('label.error')))
      : s.warn(say(LINT, s.lang, message('label.warning')));
  const text = localizedFinding(f, s.lang);
  line(out, `${f.file}:${f.line}: ${severity} ${s.bold(f.rule)}: ${text.message}`);
  line(out, s.dim(`  ${say(LINT, s.lang, message('label.fix'))} ${text.fix}`));
}

/**
 * A finding's message and fix in `lang`: from its catalogue messages (cleaned of terminal controls like the English,
 * as they quote job ids and paths), else its English text (actionlint's findings, rules not in the catalogue).
 */
export function localizedFinding(f: Finding, lang: Language): { message: string; fix: string } {
  if (f.text === undefined || lang === 'en') return { message: f.message, fix: f.fix };
  return {
    message: withoutControls(say(LINT, lang, f.text.message)),
    fix: withoutControls(say(LINT, lang, f.text.fix)),
  };
}

/** A finding for --json: its fields as before (English `message`, `fix`), plus `localized`, the same in `lang`. */
export function findingJson(
  f: Finding,
  lang: Language,
): Omit<Finding, 'text'> & { localized: { message: string; fix: string } } {
  const { text: _, ...fields } = f;
  return { ...fields, localized: localizedFinding(f, lang) };
}
