import type { LogEvent } from '../logs/events.js';
import { line, printJsonLine, type Style, stripControls, type Writer } from './output.js';

/** An event ready to show: the task's revision is known (or `?` for a task ECS no longer lists). */
export interface ShownEvent extends LogEvent {
  readonly revision: number | string;
}

/** The 8-character task id the ECS console and `hatoba status` readers recognise. */
export function shortTaskId(taskId: string): string {
  return taskId.slice(0, 8);
}

/** `HH:MM:SS` in local time for a person at a terminal; ISO 8601 in UTC elsewhere (CI logs, pipes, files). */
export function formatTimestamp(timestamp: number, local: boolean): string {
  const date = new Date(timestamp);
  if (!local) return date.toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** One log line: time, short task id, revision, message. Container output is untrusted: controls and colours go. */
export function printLogLine(out: Writer, s: Style, event: ShownEvent, local: boolean): void {
  const prefix = `${formatTimestamp(event.timestamp, local)} ${shortTaskId(event.taskId)} r${event.revision}`;
  line(out, `${s.dim(prefix)}  ${stripControls(event.message)}`);
}

/** Events grouped by revision in `revisions` order (newest deployment first), each group oldest line first. */
export function byDeployment(events: readonly ShownEvent[], revisions: readonly (number | string)[]): ShownEvent[][] {
  const order = (revision: number | string) => {
    const i = revisions.indexOf(revision);
    return i === -1 ? revisions.length : i;
  };
  const groups = new Map<number, ShownEvent[]>();
  for (const event of events) {
    const key = order(event.revision);
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) => group.sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId)));
}

export function printLogGroups(
  out: Writer,
  s: Style,
  groups: readonly (readonly ShownEvent[])[],
  local: boolean,
): void {
  for (const [i, group] of groups.entries()) {
    const first = group[0];
    if (first === undefined) continue;
    if (i > 0) line(out);
    const tasks = new Set(group.map((e) => e.taskId)).size;
    line(out, s.bold(`revision ${first.revision}`) + s.dim(` (${tasks} task${tasks === 1 ? '' : 's'})`));
    for (const event of group) printLogLine(out, s, event, local);
  }
}

/** The JSON form of one event (the `--json` document's entries and `--follow --json`'s lines). */
export function eventJson(event: ShownEvent) {
  return {
    taskId: event.taskId,
    revision: event.revision,
    timestamp: new Date(event.timestamp).toISOString(),
    message: stripControls(event.message),
    eventId: event.eventId,
  };
}

/** `--follow --json`: JSON Lines, one event per line, as they arrive. */
export function printEventLines(out: Writer, events: readonly ShownEvent[]): void {
  for (const event of events) printJsonLine(out, eventJson(event));
}
