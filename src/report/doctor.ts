import type { CheckResult } from '../doctor/check.js';
import type { DoctorReport } from '../doctor/doctor.js';
import { annotate, line, type Style, type Writer } from './output.js';

/** One workflow annotation per check that is not ok, titled with its stable id. */
export function annotateChecks(writer: Writer, checks: readonly CheckResult[]): void {
  for (const check of checks) {
    if (check.status === 'ok') continue;
    annotate(writer, {
      level: check.status === 'fail' ? 'error' : 'warning',
      title: `doctor ${check.id}`,
      message: check.fix === undefined ? check.message : `${check.message}. ${check.fix}`,
    });
  }
}

/** `hatoba doctor` for people: one line per check, its details and fix indented, then a count. */
export function printDoctorReport(out: Writer, s: Style, report: DoctorReport): void {
  const mark = { ok: s.ok('ok  '), warn: s.warn('warn'), fail: s.bad('FAIL') };
  for (const check of report.checks) {
    line(out, `${mark[check.status]} ${s.bold(check.id)}: ${check.message}`);
    for (const detail of check.details ?? []) line(out, s.dim(`       ${detail}`));
    if (check.fix !== undefined) line(out, s.dim(`       fix: ${check.fix}`));
  }
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  line(out);
  const warnings = count('warn');
  line(out, `${count('ok')} ok, ${warnings} warning${warnings === 1 ? '' : 's'}, ${count('fail')} failed`);
}
