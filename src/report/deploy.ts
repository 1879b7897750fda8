import { exitCodeOf, type RolloutReport } from '../deploy/report.js';
import type { RolloutEvent } from '../deploy/roll-out-revision.js';
import type { ProgressEvent } from '../deploy/watch.js';
import type { Language } from '../i18n/language.js';
import { say } from '../i18n/message.js';
import { DEPLOY, type DeployKey } from '../i18n/messages/deploy.js';
import { formatDuration } from '../time/duration.js';
import { causeJson } from './cause-json.js';
import { annotate, line, type Style, type Writer } from './output.js';
import type { Progress } from './progress.js';
import { padColumns } from './text-width.js';

/** Progress lines as the watch sees things happen, stamped with the time since UpdateService. */
function progressPrinter(progress: Progress, startedAt: number, style: Style): (event: ProgressEvent) => void {
  const stamp = (at: number) => style.dim(`[${formatDuration(Math.max(0, at - startedAt)).padStart(6)}]`);
  return (event) => {
    switch (event.type) {
      case 'service-event':
        progress.line(`${stamp(event.at)} ${event.message}`);
        break;
      case 'deployments':
        for (const text of event.lines) progress.line(`${stamp(event.at)} ${style.bold(text)}`);
        if (event.ours !== undefined) {
          const { running, desired, pending } = event.ours;
          progress.update(`${running}/${desired} running${pending > 0 ? `, ${pending} pending` : ''}`);
        }
        break;
      case 'task-stopped':
        progress.line(`${stamp(event.at)} ${style.warn(`task ${event.taskId} stopped: ${event.reason}`)}`);
        break;
      case 'target-health':
        progress.line(`${stamp(event.at)} task ${event.taskId} target health: ${event.health}`);
        break;
      case 'retry':
        progress.line(
          `${stamp(event.at)} ${style.dim(`${event.error}; polling again in ${formatDuration(event.retryInMs)}`)}`,
        );
        break;
      case 'degraded':
        progress.line(`${stamp(event.at)} ${style.warn(event.message)}`);
        break;
    }
  };
}

/**
 * All of a roll-out for people: the line saying the service now runs the new revision, then the watch's progress;
 * on a terminal also a live line with the deployment's running/desired tasks and the seconds since it started.
 */
export function rolloutPrinter(progress: Progress, title: string, style: Style): (event: RolloutEvent) => void {
  let printer: ((event: ProgressEvent) => void) | undefined;
  return (event) => {
    if (event.type !== 'started') {
      printer?.(event);
      return;
    }
    const replaces = event.previousTaskDefinition === null ? '' : ` replaces ${event.previousTaskDefinition}`;
    const scaled = event.scaledFromZero ? `, desired count 0 → ${event.desiredCount}` : '';
    progress.line(`${title}: ${event.taskDefinition}${replaces}, deployment ${event.deploymentId}${scaled}`);
    // In a log the watch's own lines say all of it; the live line is for a person at a terminal.
    if (progress.live) progress.status(`deployment ${event.deploymentId}`, `0/${event.desiredCount} running`);
    printer = progressPrinter(progress, event.startedAt, style);
  };
}

/**
 * The verdict for people: outcome, cause, evidence, the log lines that matter, fix. The evidence (ECS's and the
 * load balancer's own words) and the log lines are quoted verbatim in every language.
 */
export function printVerdict(writer: Writer, report: RolloutReport, style: Style): void {
  const t = (key: DeployKey, params = {}) => say(DEPLOY, style.lang, { id: key, params });
  const label = (key: DeployKey) => padColumns(t(key), 10);
  const ok = exitCodeOf(report) === 0;
  const mark = ok ? style.ok('✓') : style.bad('✗');
  const verb = t(
    report.command === 'rollback' && report.outcome === 'succeeded'
      ? 'outcome.rolled-back'
      : `outcome.${report.outcome}`,
  );
  const duration = t('after', { duration: formatDuration(report.durationSeconds * 1000) });
  line(writer);
  line(writer, `${mark} ${style.bold(verb)}${duration}: ${summaryText(report, style.lang)}`);
  const cause = report.cause;
  if (cause !== null) {
    if (cause.evidence) {
      line(
        writer,
        `  ${label('label.evidence')}${cause.evidence}${cause.taskId ? t('label.task', { taskId: cause.taskId }) : ''}`,
      );
    }
    if (cause.logLines.length > 0) {
      line(writer, `  ${t('label.log-lines')}`);
      for (const text of logExcerpt(cause.logLines)) line(writer, style.dim(text === null ? '    …' : `    | ${text}`));
    } else if (cause.logsUnavailable !== null) {
      line(writer, style.dim(`  ${label('label.logs')}${cause.logsUnavailable}`));
    }
    line(writer, `  ${label('label.fix')}${say(DEPLOY, style.lang, cause.messages.fix)}`);
    line(writer, style.dim(`  ${label('label.more')}${cause.docs}`));
  }
  for (const waiting of waitingText(report, style.lang)) line(writer, `  ${t('label.waiting-on')} ${waiting}`);
  const previous = report.previousTaskDefinition;
  if (!ok && report.outcome !== 'rolled-back' && report.outcome !== 'superseded' && previous !== null) {
    line(writer, style.dim(`  ${t('keeps-previous', { previous })}`));
  }
}

/** What a timed-out rollout still waited on, in `lang` (English exactly as --json prints it). */
function waitingText(report: RolloutReport, lang: Language): readonly string[] {
  return lang === 'en' ? report.waitingOn : report.waitingOnMessages.map((text) => say(DEPLOY, lang, text));
}

/** The summary line in `lang`: English exactly as --json prints it, other languages from its message. */
function summaryText(report: RolloutReport, lang: Language): string {
  return lang === 'en' ? report.summary : say(DEPLOY, lang, report.summaryMessage);
}

/**
 * The report for --json: every field as before, plus `message` (the summary in the reader's language) and, on the
 * cause, `message` and `fixMessage` (its title and fix in that language).
 */
export function rolloutJson(report: RolloutReport, lang: Language) {
  const { summaryMessage: _, waitingOnMessages: __, ...rest } = report;
  const { cause } = report;
  return { ...rest, cause: cause === null ? null : causeJson(cause, lang), message: summaryText(report, lang) };
}

// What an error looks like in the runtimes people deploy: Node/JS errors, Python tracebacks, Go panics, Java
// exceptions, and log lines tagged as errors.
const ERROR_LINE =
  /\b(\w*Error|\w*Exception|panic|Caused by):|^Traceback \(|\bnpm ERR!|^(ERROR|FATAL|CRITICAL)\b|\blevel[=":]+"?(error|fatal)\b/;
const TAIL_LINES = 6;
const CONTEXT_BEFORE = 1;
const CONTEXT_AFTER = 3;

/**
 * The log lines worth showing: the first error-looking line with a little context, and the tail; `null` marks the
 * lines left out. The first error is often the cause (`Error: Cannot find module …` comes before a long stack).
 */
function logExcerpt(lines: readonly string[]): (string | null)[] {
  const keep = new Set<number>();
  for (let i = Math.max(0, lines.length - TAIL_LINES); i < lines.length; i++) keep.add(i);
  const first = lines.findIndex((text) => ERROR_LINE.test(text));
  if (first >= 0) {
    for (let i = Math.max(0, first - CONTEXT_BEFORE); i <= Math.min(lines.length - 1, first + CONTEXT_AFTER); i++) {
      keep.add(i);
    }
  }
  const shown: (string | null)[] = [];
  let previous = -1;
  for (const i of [...keep].sort((a, b) => a - b)) {
    if (i > previous + 1) shown.push(null);
    shown.push(lines[i] ?? '');
    previous = i;
  }
  return shown;
}

/** `::error::` with the cause, so the failure shows on the workflow run page. */
export function annotateVerdict(writer: Writer, report: RolloutReport, lang: Language = 'en'): void {
  if (exitCodeOf(report) === 0) return;
  const t = (key: DeployKey, params = {}) => say(DEPLOY, lang, { id: key, params });
  const cause = report.cause;
  const fix =
    cause !== null
      ? t('ci.fix', { fix: say(DEPLOY, lang, cause.messages.fix) })
      : report.waitingOn.length > 0
        ? t('ci.fix', { fix: t('ci.waiting-on', { waiting: waitingText(report, lang).join('; ') }) })
        : '';
  annotate(writer, {
    level: 'error',
    title: `hatoba ${report.command}: ${t(`outcome.${report.outcome}`).toLowerCase()}`,
    message: `${summaryText(report, lang)}${cause?.evidence ? `\n${cause.evidence}` : ''}${fix ? `\n${fix}` : ''}`,
  });
}

/**
 * The job summary: what was deployed, how long it took and, when it failed, why. `environment`: the hatoba.yml
 * environment deployed to (files with `environments`), so each deploy job's summary says which one it was.
 */
export function stepSummaryMarkdown(report: RolloutReport, lang: Language = 'en', environment?: string): string {
  const t = (key: DeployKey, params = {}) => say(DEPLOY, lang, { id: key, params });
  const ok = exitCodeOf(report) === 0;
  const headline = t(`outcome.${report.outcome}`);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const previous = report.previousTaskDefinition;
  const rows: [string, string][] = [
    [t('ci.outcome'), `${ok ? '✅' : '❌'} ${headline}`],
    ...(environment === undefined ? [] : [[t('ci.environment'), `\`${environment}\``] as [string, string]]),
    [t('ci.service'), `\`${report.cluster}/${report.service}\``],
    [t('ci.image'), `\`${report.image}\``],
    [t('ci.image-digest'), report.imageDigest === null ? t('ci.by-tag') : `\`${report.imageDigest}\``],
    [t('ci.revision'), `${report.taskDefinition}${previous === null ? '' : t('ci.was', { previous })}`],
    [t('ci.duration'), formatDuration(report.durationSeconds * 1000)],
  ];
  if (report.cause !== null) {
    const { messages } = report.cause;
    rows.push([t('ci.cause'), say(DEPLOY, lang, messages.title)], [t('ci.fix-label'), say(DEPLOY, lang, messages.fix)]);
  }
  if (report.waitingOn.length > 0) rows.push([t('ci.waiting-on-label'), waitingText(report, lang).join('; ')]);
  const lines = [
    `### hatoba ${report.command}: ${headline}`,
    '',
    summaryText(report, lang),
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([key, value]) => `| ${key} | ${cell(value)} |`),
  ];
  if (report.cause !== null && (report.cause.evidence || report.cause.logLines.length > 0)) {
    lines.push('', `<details><summary>${t('ci.evidence')}</summary>`, '', '```', report.cause.evidence);
    lines.push(...report.cause.logLines.slice(-20), '```', '', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
