import { type CheckResult, sayCheck } from '../doctor/check.js';
import type { DoctorReport } from '../doctor/doctor.js';
import type { Language } from '../i18n/language.js';
import { type Message, message, say } from '../i18n/message.js';
import { DOCTOR, type DoctorKey } from '../i18n/messages/doctor.js';
import { annotate, line, type Style, type Writer } from './output.js';

/** One workflow annotation per check that is not ok, titled with its stable id. */
export function annotateChecks(writer: Writer, checks: readonly CheckResult[], lang: Language = 'en'): void {
  for (const check of checks) {
    if (check.status === 'ok') continue;
    const text = localizedCheck(check, lang);
    annotate(writer, {
      level: check.status === 'fail' ? 'error' : 'warning',
      title: `doctor ${check.id}`,
      message:
        text.fix === undefined
          ? text.message
          : say(DOCTOR, lang, message('annotation', { message: text.message, fix: text.fix })),
    });
  }
}

/** `hatoba doctor` for people: one line per check, its details and fix indented, then a count. */
export function printDoctorReport(out: Writer, s: Style, report: DoctorReport): void {
  const t = (text: Message<DoctorKey>) => say(DOCTOR, s.lang, text);
  const mark = { ok: s.ok('ok  '), warn: s.warn('warn'), fail: s.bad('FAIL') };
  for (const check of report.checks) {
    const text = localizedCheck(check, s.lang);
    line(out, `${mark[check.status]} ${s.bold(check.id)}: ${text.message}`);
    for (const detail of check.details ?? []) line(out, s.dim(`       ${detail}`));
    if (text.fix !== undefined) line(out, s.dim(`       ${t(message('label.fix'))} ${text.fix}`));
  }
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  line(out);
  const warnings = count('warn');
  const warningText = t(message(warnings === 1 ? 'warning' : 'warnings', { count: warnings }));
  line(out, t(message('count', { ok: count('ok'), warnings: warningText, failed: count('fail') })));
}

/** A check's message and fix in `lang`: from its catalogue messages where it has them, else its English text. */
export function localizedCheck(check: CheckResult, lang: Language): { message: string; fix?: string } {
  const { text } = check;
  const message = text?.message === undefined ? check.message : sayCheck(text.message, lang);
  const fix = text?.fix === undefined ? check.fix : sayCheck(text.fix, lang);
  return { message, ...(fix === undefined ? {} : { fix }) };
}

/** A check for --json: its fields as before (English `message`, `fix`), plus `localized`, the same in `lang`. */
export function checkJson(
  check: CheckResult,
  lang: Language,
): Omit<CheckResult, 'text'> & { localized: { message: string; fix?: string } } {
  const { text: _, ...fields } = check;
  return { ...fields, localized: localizedCheck(check, lang) };
}
