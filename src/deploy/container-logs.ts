import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { describeAwsError } from '../aws/transient.js';
import type { Clock } from '../clock.js';
import { formatDuration } from '../time/duration.js';
import { abortable } from './aws-call.js';

export type LogTail =
  | { readonly lines: readonly string[] }
  | { readonly lines: readonly []; readonly unavailable: string; readonly missing?: boolean };

/** How long to wait for log lines once a container has stopped, and how often to look. */
export const LOG_WAIT_MS = 5000;
const LOG_RECHECK_MS = 1000;

/**
 * The last lines a container wrote (awslogs stream `<prefix>/<container>/<task id>`). Best effort: a missing stream
 * or a denied call becomes a note, because the verdict matters more than its evidence.
 */
export async function lastLogLines(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  logStreamName: string,
  limit = 20,
  signal?: AbortSignal,
): Promise<LogTail> {
  const { GetLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  try {
    const response = await logs.send(
      new GetLogEventsCommand({ logGroupName, logStreamName, limit, startFromHead: false }),
      abortable(signal),
    );
    return { lines: (response.events ?? []).map((event) => (event.message ?? '').trimEnd()) };
  } catch (error) {
    if (signal?.aborted) throw error;
    const name = (error as { name?: string }).name;
    if (name === 'ResourceNotFoundException') {
      return {
        lines: [],
        unavailable: `no log stream ${logStreamName} in ${logGroupName} (the container never wrote)`,
        missing: true,
      };
    }
    return { lines: [], unavailable: `GetLogEvents on ${logGroupName} failed: ${describeAwsError(error)}` };
  }
}

/**
 * Reads the log until it stops changing: the awslogs driver delivers lines a second or two after the container wrote
 * them, so the first read right after the exit can miss the last lines or the whole stream. Bounded by `waitMs`.
 */
export async function settledLogLines(
  read: () => Promise<LogTail>,
  clock: Clock,
  waitMs = LOG_WAIT_MS,
  signal?: AbortSignal,
): Promise<LogTail> {
  const until = clock.now() + waitMs;
  let tail = await read();
  if (waitMs <= 0) return tail;
  let previous: LogTail | undefined;
  for (;;) {
    if ('unavailable' in tail && !tail.missing) return tail;
    if (tail.lines.length > 0 && previous !== undefined && sameLines(previous.lines, tail.lines)) return tail;
    const remaining = until - clock.now();
    if (remaining <= 0) {
      if (tail.lines.length > 0) return tail;
      return {
        lines: [],
        unavailable: `no log lines arrived within ${formatDuration(waitMs)}; the container may have exited before logging`,
      };
    }
    await clock.sleep(Math.min(LOG_RECHECK_MS, remaining), signal);
    previous = tail;
    tail = await read();
  }
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => text === b[i]);
}

/** One page of new log lines and the token to read on from; `missing` while the stream does not exist yet. */
export interface LogPage {
  readonly lines: readonly string[];
  readonly nextToken: string | undefined;
}

/**
 * The lines written since `nextToken` (from the head on the first read), for following a running container's output.
 * GetLogEvents (CloudWatch Logs API Reference): startFromHead reads oldest first; nextForwardToken continues there.
 * A stream that does not exist yet answers ResourceNotFoundException: no lines yet.
 */
export async function readLogForward(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  logStreamName: string,
  nextToken: string | undefined,
  signal?: AbortSignal,
): Promise<LogPage> {
  const { GetLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  try {
    const response = await logs.send(
      new GetLogEventsCommand({
        logGroupName,
        logStreamName,
        startFromHead: true,
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
      abortable(signal),
    );
    return {
      lines: (response.events ?? []).map((event) => (event.message ?? '').trimEnd()),
      nextToken: response.nextForwardToken ?? nextToken,
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException' && !signal?.aborted) {
      return { lines: [], nextToken };
    }
    throw error;
  }
}
