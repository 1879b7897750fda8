import type { CauseText } from '../causes/entry.js';
import { troubleshootingLink } from '../causes/entry.js';
import { message, say } from '../i18n/message.js';
import { DEPLOY, type DeployKey } from '../i18n/messages/deploy.js';
import type { RunEvent, RunOutcome } from '../run/run-task.js';
import { line, type Style, type Writer } from './output.js';
import { padColumns } from './text-width.js';

/** Exit codes of `hatoba run` besides the container's own 0–255 (documented in docs/run.md and the README). */
export const EXIT_TIMED_OUT = 124;
export const EXIT_NOT_STARTED = 125;

/** The container's exit code when it ran; 125 when it never ran; 124 when --timeout stopped it. */
export function runExitCode(outcome: RunOutcome): number {
  if (outcome.outcome === 'exited') return outcome.exitCode;
  return outcome.outcome === 'timed-out' ? EXIT_TIMED_OUT : EXIT_NOT_STARTED;
}

/** Progress for people: task status changes dimmed, the container's own output as it arrives. */
export function runPrinter(writer: Writer, style: Style): (event: RunEvent) => void {
  return (event) => {
    if (event.kind === 'started') line(writer, style.dim(`task ${event.taskId} started`));
    else if (event.kind === 'status') line(writer, style.dim(`task ${event.status}`));
    else line(writer, event.line);
  };
}

/** The one-line verdict, plus the cause and the fix when the task never ran. */
export function printRunVerdict(writer: Writer, outcome: RunOutcome, timeout: string, style: Style): void {
  if (outcome.outcome === 'exited') {
    const text = `task ${outcome.taskId}: container exited with code ${outcome.exitCode}`;
    line(writer, outcome.exitCode === 0 ? style.ok(text) : style.bad(text));
    return;
  }
  if (outcome.outcome === 'timed-out') {
    line(writer, style.bad(`task ${outcome.taskId}: still running after --timeout ${timeout}; stopped it`));
    return;
  }
  const { cause } = outcome;
  const t = (text: CauseText) => say(DEPLOY, style.lang, text);
  const label = (key: DeployKey) => padColumns(t(message(key)), 10);
  const taskId = outcome.taskId ?? message('run.no-task');
  line(writer, style.bad(t(message('run.never-ran', { taskId, title: cause.messages.title }))));
  // ECS's own words (RunTask failures[], stoppedReason), verbatim in every language.
  line(writer, `  ${label('label.evidence')}${cause.evidence}`);
  line(writer, `  ${label('label.fix')}${t(cause.messages.fix)}`);
  line(writer, style.dim(`  ${label('label.more')}${troubleshootingLink(cause.id)}`));
}
