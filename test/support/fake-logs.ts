import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
  GetLogEventsCommand,
  type GetLogEventsCommandInput,
  InvalidParameterException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../src/clock.js';

interface StoredEvent {
  readonly eventId: string;
  readonly logStreamName: string;
  readonly timestamp: number;
  /** When CloudWatch Logs made it readable: ingestion lags the container's own timestamp. */
  readonly visibleAt: number;
  readonly message: string;
}

/**
 * A stateful CloudWatch Logs: log groups with awslogs streams, on the caller's clock, behind aws-sdk-client-mock.
 * It enforces what the readers rely on: FilterLogEvents paging (small pages, opaque single-use-per-query tokens, an
 * empty page that still carries a token), startTime/endTime bounds on the event timestamp, logStreamNames xor
 * logStreamNamePrefix, the missing log group, filter patterns (only an exact quoted phrase is understood: anything
 * else fails, so an unquoted `--filter` would fail the test), and GetLogEvents' same-token end of stream.
 */
export class FakeLogs {
  readonly calls: { operation: string; input: unknown; at: number }[] = [];
  readonly mock: AwsClientStub<CloudWatchLogsClient>;
  private readonly groups = new Map<string, StoredEvent[]>();
  private serial = 0;
  /** IAM actions the caller lacks: those calls fail with AccessDeniedException. */
  denied: string[] = [];
  /** Called before each FilterLogEvents answer (tests write events or press Ctrl-C from here). */
  onFilter: ((call: number) => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly pageSize = 3,
  ) {
    this.mock = mockClient(CloudWatchLogsClient);
    this.mock.on(FilterLogEventsCommand).callsFake(async (input: FilterLogEventsCommandInput) => this.filter(input));
    this.mock.on(GetLogEventsCommand).callsFake(async (input: GetLogEventsCommandInput) => this.get(input));
  }

  restore(): void {
    this.mock.restore();
  }

  createGroup(name: string): void {
    if (!this.groups.has(name)) this.groups.set(name, []);
  }

  /** One line a container wrote at `timestamp`, readable from `visibleAt` (default: at once). */
  write(group: string, logStreamName: string, timestamp: number, message: string, visibleAt = timestamp): void {
    const events = this.groups.get(group);
    if (events === undefined) throw new Error(`no log group ${group}`);
    this.serial += 1;
    events.push({ eventId: String(this.serial).padStart(20, '0'), logStreamName, timestamp, visibleAt, message });
  }

  count(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  private record(operation: string, input: unknown): void {
    this.calls.push({ operation, input, at: this.clock.now() });
    const action = `logs:${operation}`;
    if (this.denied.includes(action)) {
      throw Object.assign(
        new Error(
          `User: arn:aws:sts::123456789012:assumed-role/dev/me is not authorized to perform: ${action} on resource: arn:aws:logs:ap-northeast-1:123456789012:log-group:/hatoba/hello-service:log-stream: because no identity-based policy allows the ${action} action`,
        ),
        { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } },
      );
    }
  }

  private stored(input: { logGroupName?: string | undefined }): StoredEvent[] {
    const events = this.groups.get(input.logGroupName ?? '');
    if (events === undefined) {
      throw new ResourceNotFoundException({
        $metadata: { httpStatusCode: 400 },
        message: 'The specified log group does not exist.',
      });
    }
    const now = this.clock.now();
    return events.filter((e) => e.visibleAt <= now);
  }

  // FilterLogEvents (CloudWatch Logs API Reference): logStreamNames and logStreamNamePrefix together are an
  // InvalidParameterException; "Events with a timestamp before" startTime or "later than" endTime are not returned;
  // results are sorted by timestamp; a page may be partial or empty while a nextToken says more may follow.
  private filter(input: FilterLogEventsCommandInput) {
    this.record('FilterLogEvents', input);
    this.onFilter?.(this.count('FilterLogEvents'));
    if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
      throw new InvalidParameterException({
        $metadata: { httpStatusCode: 400 },
        message: 'logStreamNames and logStreamNamePrefix are mutually exclusive',
      });
    }
    if (input.logStreamNames !== undefined && (input.logStreamNames.length < 1 || input.logStreamNames.length > 100)) {
      throw new InvalidParameterException({
        $metadata: { httpStatusCode: 400 },
        message: 'logStreamNames: 1 to 100 names',
      });
    }
    if (input.limit !== undefined && (input.limit < 1 || input.limit > 10_000)) {
      throw new InvalidParameterException({ $metadata: { httpStatusCode: 400 }, message: 'limit must be 1 to 10000' });
    }
    const phrase = parsePhrase(input.filterPattern);
    const matching = this.stored(input)
      .filter((e) => input.logStreamNames === undefined || input.logStreamNames.includes(e.logStreamName))
      .filter((e) => input.logStreamNamePrefix === undefined || e.logStreamName.startsWith(input.logStreamNamePrefix))
      .filter((e) => input.startTime === undefined || e.timestamp >= input.startTime)
      .filter((e) => input.endTime === undefined || e.timestamp <= input.endTime)
      .filter((e) => phrase === undefined || e.message.includes(phrase))
      .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
    const query = JSON.stringify({ ...input, nextToken: undefined, limit: undefined });
    let token = { query, offset: 0, empty: false };
    if (input.nextToken !== undefined) {
      token = JSON.parse(Buffer.from(input.nextToken, 'base64url').toString()) as typeof token;
      if (token.query !== query) {
        throw new InvalidParameterException({
          $metadata: { httpStatusCode: 400 },
          message: 'The specified nextToken is not valid for this request.',
        });
      }
    }
    // After each full page comes an empty one that still has a token: "Partially full or empty pages don't
    // necessarily mean that pagination is finished."
    const page = token.empty
      ? []
      : matching.slice(token.offset, token.offset + Math.min(this.pageSize, input.limit ?? 10_000));
    const nextOffset = token.offset + page.length;
    const next = token.empty
      ? { query, offset: nextOffset, empty: false }
      : nextOffset < matching.length
        ? { query, offset: nextOffset, empty: true }
        : undefined;
    const more = next !== undefined;
    const tokenFor = () => Buffer.from(JSON.stringify(next)).toString('base64url');
    return {
      events: page.map((e) => ({
        eventId: e.eventId,
        logStreamName: e.logStreamName,
        timestamp: e.timestamp,
        ingestionTime: e.visibleAt,
        message: e.message,
      })),
      ...(more ? { nextToken: tokenFor() } : {}),
      searchedLogStreams: [],
    };
  }

  // GetLogEvents (CloudWatch Logs API Reference): nextForwardToken — "If you have reached the end of the stream, it
  // returns the same token you passed in."
  private get(input: GetLogEventsCommandInput) {
    this.record('GetLogEvents', input);
    const stream = this.stored(input).filter((e) => e.logStreamName === input.logStreamName);
    if (stream.length === 0) {
      throw new ResourceNotFoundException({
        $metadata: { httpStatusCode: 400 },
        message: 'The specified log stream does not exist.',
      });
    }
    const offset = input.nextToken === undefined ? 0 : Number(input.nextToken.replace('f/', ''));
    const page = stream.slice(offset, offset + (input.limit ?? this.pageSize));
    const forward = page.length === 0 && input.nextToken !== undefined ? input.nextToken : `f/${offset + page.length}`;
    return {
      events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.visibleAt })),
      nextForwardToken: forward,
      nextBackwardToken: `b/${offset}`,
    };
  }
}

/** The one filter pattern form hatoba sends: an exact phrase in double quotes. */
function parsePhrase(pattern: string | undefined): string | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  const match = /^"([^"]*)"$/.exec(pattern);
  if (match === null) throw new Error(`fake CloudWatch Logs only understands a quoted phrase, got ${pattern}`);
  return match[1];
}
