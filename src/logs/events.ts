import type { CloudWatchLogsClient, FilterLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import type { Clock } from '../clock.js';
import { abortable, namingAction } from '../deploy/aws-call.js';
import { taskIdOf } from '../deploy/tasks.js';
import { UserError } from '../errors.js';

/** One container log line, with the task that wrote it. */
export interface LogEvent {
  readonly eventId: string;
  readonly taskId: string;
  readonly timestamp: number;
  readonly message: string;
}

/** Which events to read: one log group, the container's streams (or one task's), a time window and a phrase. */
export interface LogQuery {
  readonly logGroupName: string;
  /** `<prefix>/<container>/`: every task's stream of the service's container. */
  readonly streamPrefix: string;
  /** One stream only (`--task`). */
  readonly streamName?: string | undefined;
  readonly filterPattern?: string | undefined;
  readonly startTime: number;
}

export interface EventPage {
  readonly events: readonly LogEvent[];
  /** True when more events matched than `limit`: the first `limit` (oldest) are returned. */
  readonly truncated: boolean;
}

// FilterLogEvents returns at most 10,000 events (1 MB) per page; a page can be partial or empty while a nextToken
// still says more may follow, and no nextToken means the end (CloudWatch Logs API Reference, FilterLogEvents).
const PAGE_MAX = 10_000;

/**
 * Every matching event from `startTime` on, oldest first, up to `limit`. Events come back "sorted by event
 * timestamp" (FilterLogEvents), so a cut at `limit` keeps the oldest.
 */
export async function readEvents(
  logs: CloudWatchLogsClient,
  query: LogQuery,
  limit: number,
  signal?: AbortSignal,
): Promise<EventPage> {
  const { FilterLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  const events: LogEvent[] = [];
  let nextToken: string | undefined;
  do {
    // logStreamNames and logStreamNamePrefix together are an InvalidParameterException (FilterLogEvents).
    const input: FilterLogEventsCommandInput = {
      logGroupName: query.logGroupName,
      ...(query.streamName === undefined
        ? { logStreamNamePrefix: query.streamPrefix }
        : { logStreamNames: [query.streamName] }),
      startTime: query.startTime,
      ...(query.filterPattern === undefined ? {} : { filterPattern: query.filterPattern }),
      limit: Math.min(PAGE_MAX, limit - events.length + 1),
      ...(nextToken === undefined ? {} : { nextToken }),
    };
    const page = await filter(() => logs.send(new FilterLogEventsCommand(input), abortable(signal)), query);
    for (const event of page.events ?? []) {
      if (event.eventId === undefined || event.timestamp === undefined) continue;
      events.push({
        eventId: event.eventId,
        // awslogs names streams `<prefix>/<container>/<task id>`: the id is the last segment, as in a task ARN.
        taskId: taskIdOf(event.logStreamName ?? ''),
        timestamp: event.timestamp,
        message: (event.message ?? '').trimEnd(),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && events.length <= limit);
  return { events: events.slice(0, limit), truncated: events.length > limit };
}

async function filter<T>(call: () => Promise<T>, query: LogQuery): Promise<T> {
  try {
    return await namingAction('logs:FilterLogEvents', call());
  } catch (error) {
    const { name, message } = error as { name?: string; message?: string };
    if (name === 'ResourceNotFoundException' && !/stream/i.test(message ?? '')) {
      throw new UserError(
        `log group ${query.logGroupName} does not exist: the service was never deployed here (${message ?? name})`,
        'Run `hatoba up` (it creates the log group), then `hatoba deploy`; check aws.region / --region and the account.',
      );
    }
    throw error;
  }
}

/**
 * Polling with FilterLogEvents, not StartLiveTail: Live Tail is an HTTP/2 event stream (sessions end after three
 * hours, billed per session-minute) that aws-sdk-client-mock cannot fake and that the send guard's time budget
 * would cut; FilterLogEvents is a plain call. Its quota is 5 requests per second per account and Region, shared with
 * everyone (Amazon CloudWatch Logs quotas; "How do I determine throttling in my CloudWatch logs?"), so one poll every
 * two seconds leaves room for others.
 */
export const FOLLOW_POLL_MS = 2000;
/**
 * Events become readable a little after they were written, and their timestamp is when the container wrote them, not
 * when CloudWatch Logs received them: each poll re-reads this far back and drops the event ids it already printed.
 */
export const FOLLOW_OVERLAP_MS = 60_000;

/**
 * Prints new events until the signal aborts (Ctrl-C): the first poll reads from `query.startTime`, each later one
 * from the newest timestamp seen minus the overlap. Every event is handed to `print` once (by eventId).
 */
export async function followEvents(
  logs: CloudWatchLogsClient,
  query: LogQuery,
  limit: number,
  clock: Clock,
  print: (events: readonly LogEvent[], truncated: boolean) => Promise<void>,
  signal: AbortSignal,
): Promise<never> {
  const seen = new Map<string, number>();
  let newest = query.startTime;
  let overlap = 0;
  for (;;) {
    const from = Math.max(query.startTime, newest - overlap);
    const page = await readEvents(logs, { ...query, startTime: from }, limit, signal);
    const fresh = page.events.filter((event) => !seen.has(event.eventId));
    for (const event of fresh) {
      seen.set(event.eventId, event.timestamp);
      newest = Math.max(newest, event.timestamp);
    }
    // Ids older than the next window can no longer come back: forget them so the set stays bounded.
    const horizon = newest - FOLLOW_OVERLAP_MS;
    for (const [id, timestamp] of seen) if (timestamp < horizon) seen.delete(id);
    if (fresh.length > 0) await print(fresh, page.truncated);
    // A full page moves on from its newest event: re-reading the overlap could refill the page with seen events.
    overlap = page.truncated ? 0 : FOLLOW_OVERLAP_MS;
    await clock.sleep(FOLLOW_POLL_MS, signal);
  }
}
