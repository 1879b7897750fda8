import type { Language } from '../i18n/language.js';
import { say } from '../i18n/message.js';
import { DEPLOY } from '../i18n/messages/deploy.js';
import { REHEARSE, type RehearseKey } from '../i18n/messages/rehearse.js';
import { type RehearsalReport, STEP_TITLES, type StepActivity, type StepReport } from '../rehearse/report.js';
import { causeJson } from './cause-json.js';
import { explanationJson, printExplanation } from './explain.js';
import { line, printWarnings, type Style, type Writer } from './output.js';
import type { Progress } from './progress.js';

/** A rehearsal for people: one line per step, then the outcome. */

export function formatStep(step: StepReport, s: Style): string {
  const mark = step.status === 'passed' ? s.ok('✓') : step.status === 'failed' ? s.bad('✗') : s.dim('-');
  const seconds = step.status === 'skipped' ? '' : `${step.seconds.toFixed(1)}s`;
  return `${mark} ${STEP_TITLES[step.name].padEnd(15)}${seconds.padStart(6)}  ${step.summary}`;
}

/** A rehearsal as it runs: the heading, a live status per running step, a permanent line per finished one. */
export function rehearsalProgress(progress: Progress, s: Style, heading: (job: string) => string) {
  return {
    onStart: (job: string) => progress.line(s.bold(heading(job))),
    onActivity: (activity: StepActivity) => {
      if (activity.type === 'started') progress.status(STEP_TITLES[activity.step]);
      else if (activity.type === 'output') progress.update(activity.line);
      else progress.update(`${activity.done}/${activity.total} ${activity.unit} done`);
    },
    onStep: (step: StepReport) => {
      progress.done();
      progress.line(formatStep(step, s));
    },
  };
}

/** Everything after the step lines: the verdict, then why it failed, then what differs from AWS. */
export function printOutcome(out: Writer, s: Style, report: RehearsalReport): void {
  const { diagnosis } = report;
  const t = (key: RehearseKey, params = {}) => say(REHEARSE, s.lang, { id: key, params });
  const seconds = report.seconds.toFixed(1);
  line(out);
  if (report.verdict === 'passed') {
    line(out, `${s.ok('✓')} ${s.bold(t('passed'))}${t('passed-in', { seconds, job: report.job })}`);
  } else {
    const verdict = diagnosis ? t('failed-at', { step: STEP_TITLES[diagnosis.step] }) : t('failed');
    line(out, `${s.bad('✗')} ${s.bold(verdict)}${t('failed-after', { seconds, job: report.job })}`);
  }
  if (diagnosis) {
    if (diagnosis.cause) line(out, `  ${say(DEPLOY, s.lang, diagnosis.cause.messages.title)}`);
    line(
      out,
      `  ${diagnosis.messageText === undefined ? diagnosis.message : say(REHEARSE, s.lang, diagnosis.messageText)}`,
    );
    // A trust denial's hints come with explain's own rendering below.
    if (!diagnosis.explanation) for (const hint of diagnosis.hints) line(out, `  ${s.warn(t('hint'))} ${hint}`);
    if (diagnosis.logs.length > 0) {
      line(out, `  ${t(diagnosis.logs.length === 1 ? 'log-line' : 'log-lines', { count: diagnosis.logs.length })}`);
      for (const log of diagnosis.logs) line(out, s.dim(`    | ${log}`));
    }
    if (diagnosis.cause) {
      line(out, `  ${t('fix')} ${say(DEPLOY, s.lang, diagnosis.cause.messages.fix)}`);
      line(out, s.dim(`  ${t('more')} ${diagnosis.cause.docs}`));
    }
    if (diagnosis.explanation && diagnosis.trustPolicy) {
      line(out);
      printExplanation(out, s, diagnosis.explanation, diagnosis.trustPolicy);
    }
  }
  printWarnings(out, s, report.warnings, '  ');
  for (const note of report.notes) line(out, s.dim(`  ${t('note')} ${note}`));
}

/** The rehearsal for --json: a trust denial's explanation with its hints in the reader's language too. */
export function rehearsalJson(report: RehearsalReport, lang: Language): unknown {
  const { diagnosis } = report;
  if (!diagnosis) return report;
  const { explanation, cause } = diagnosis;
  return {
    ...report,
    diagnosis: {
      ...diagnosis,
      cause: cause === null ? null : causeJson(cause, lang),
      ...(explanation ? { explanation: explanationJson(explanation, lang) } : {}),
    },
  };
}
