import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { describeAwsError } from '../aws/transient.js';

export type LogTail =
  | { readonly lines: readonly string[] }
  | { readonly lines: readonly []; readonly unavailable: string };

/**
 * The last lines a container wrote (awslogs stream `<prefix>/<container>/<task id>`). Best effort: a missing stream
 * or a denied call becomes a note, because the verdict matters more than its evidence.
 */
export async function lastLogLines(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  logStreamName: string,
  limit = 20,
): Promise<LogTail> {
  const { GetLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
  try {
    const response = await logs.send(
      new GetLogEventsCommand({ logGroupName, logStreamName, limit, startFromHead: false }),
    );
    return { lines: (response.events ?? []).map((event) => (event.message ?? '').trimEnd()) };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'ResourceNotFoundException') {
      return {
        lines: [],
        unavailable: `no log stream ${logStreamName} in ${logGroupName} (the container never wrote)`,
      };
    }
    return { lines: [], unavailable: `GetLogEvents on ${logGroupName} failed: ${describeAwsError(error)}` };
  }
}
