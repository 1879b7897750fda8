import {
  CloudTrailClient,
  type Event,
  type LookupAttribute,
  LookupEventsCommand,
  type LookupEventsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { Clock } from '../../src/clock.js';

/**
 * CloudTrail event history behind aws-sdk-client-mock, holding the rules of LookupEvents (CloudTrail API Reference,
 * LookupEvents) so a test fails when hatoba breaks one:
 * - events are per Region: a client sees only the events recorded in its own Region;
 * - only the last 90 days of management events can be looked up;
 * - LookupAttributes "can contain only one item", with a key from the documented list;
 * - MaxResults is 1 through 50 (default 50);
 * - StartTime after EndTime is an error (InvalidTimeRangeException); both bounds are inclusive;
 * - a NextToken "must be passed in with the same parameters that were specified in the original call";
 * - "The rate of lookup requests is limited to two per second, per account, per Region" (ThrottlingException).
 * Events come back newest first, in the SDK's Event shape with the record as the `CloudTrailEvent` JSON string.
 */

const DAY = 86_400_000;
const HISTORY_MS = 90 * DAY;
const ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
];

interface StoredEvent {
  readonly region: string;
  readonly time: number;
  readonly record: Record<string, unknown>;
}

const fail = (name: string, message: string) => Object.assign(new Error(message), { name, $fault: 'client' });

export class FakeCloudTrail {
  readonly mock: AwsClientStub<CloudTrailClient>;
  /** Every LookupEvents request, with the Region of the client that sent it and when (clock time). */
  readonly requests: { region: string; at: number; input: LookupEventsCommandInput }[] = [];
  private readonly events: StoredEvent[] = [];
  private denied: string | undefined;

  constructor(private readonly clock: Clock) {
    this.mock = mockClient(CloudTrailClient);
    this.mock
      .on(LookupEventsCommand)
      .callsFake(async (input: LookupEventsCommandInput, getClient: () => CloudTrailClient) =>
        this.lookup(await getClient().config.region(), input),
      );
  }

  /** Records an event in a Region; its time is the record's `eventTime`. */
  record(region: string, record: Record<string, unknown>): void {
    const time = Date.parse(String(record.eventTime));
    if (Number.isNaN(time)) throw new Error(`fake CloudTrail: record without a valid eventTime`);
    this.events.push({ region, time, record });
  }

  /** Every LookupEvents call is refused as IAM refuses a caller without cloudtrail:LookupEvents. */
  denyLookups(message = 'Access Denied'): void {
    this.denied = message;
  }

  restore(): void {
    this.mock.restore();
  }

  private lookup(region: string, input: LookupEventsCommandInput) {
    const now = this.clock.now();
    this.requests.push({ region, at: now, input });
    if (this.denied !== undefined) throw fail('AccessDeniedException', this.denied);
    const recent = this.requests.filter((r) => r.region === region && r.at > now - 1000);
    if (recent.length > 2) throw fail('ThrottlingException', 'Rate exceeded');

    const attributes = input.LookupAttributes ?? [];
    if (attributes.length > 1) {
      throw fail('InvalidLookupAttributesException', 'You can specify only one lookup attribute per request.');
    }
    const [attribute] = attributes;
    if (attribute !== undefined && !ATTRIBUTE_KEYS.includes(String(attribute.AttributeKey))) {
      throw fail('InvalidLookupAttributesException', `Unknown attribute key ${attribute.AttributeKey}`);
    }
    const maxResults = input.MaxResults ?? 50;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
      throw fail('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
    }
    const start = input.StartTime === undefined ? now - HISTORY_MS : new Date(input.StartTime).getTime();
    const end = input.EndTime === undefined ? now : new Date(input.EndTime).getTime();
    if (start > end) throw fail('InvalidTimeRangeException', 'Start time must be before end time.');

    // The parameters as sent (not the defaults filled in from the clock), which the token must come back with.
    const parameters = JSON.stringify([region, attribute, input.StartTime, input.EndTime, input.MaxResults]);
    let offset = 0;
    if (input.NextToken !== undefined) {
      const token = JSON.parse(Buffer.from(input.NextToken, 'base64url').toString('utf8')) as {
        parameters: string;
        offset: number;
      };
      if (token.parameters !== parameters) {
        throw fail(
          'InvalidNextTokenException',
          'The token must be passed with the same parameters as the original call.',
        );
      }
      offset = token.offset;
    }
    const matching = this.events
      .filter((e) => e.region === region && e.time >= Math.max(start, now - HISTORY_MS) && e.time <= end)
      .filter((e) => matches(e.record, attribute))
      .sort((a, b) => b.time - a.time);
    const page = matching.slice(offset, offset + maxResults);
    const next = offset + maxResults < matching.length ? offset + maxResults : undefined;
    return {
      Events: page.map((e) => toEvent(e)),
      ...(next === undefined
        ? {}
        : { NextToken: Buffer.from(JSON.stringify({ parameters, offset: next })).toString('base64url') }),
    };
  }
}

function matches(record: Record<string, unknown>, attribute: LookupAttribute | undefined): boolean {
  if (attribute === undefined) return true;
  const value = attribute.AttributeValue;
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  switch (attribute.AttributeKey) {
    case 'EventName':
      return record.eventName === value;
    case 'EventId':
      return record.eventID === value;
    case 'EventSource':
      return record.eventSource === value;
    case 'Username':
      return identity.userName === value;
    case 'ResourceName':
      return resources(record).some((r) => r.ARN === value);
    default:
      return false;
  }
}

function resources(record: Record<string, unknown>): { type?: string; ARN?: string }[] {
  return Array.isArray(record.resources) ? (record.resources as { type?: string; ARN?: string }[]) : [];
}

function toEvent(stored: StoredEvent): Event {
  const { record } = stored;
  const identity = (record.userIdentity ?? {}) as Record<string, unknown>;
  return {
    EventId: String(record.eventID),
    EventName: String(record.eventName),
    ReadOnly: String(record.readOnly ?? 'true'),
    EventTime: new Date(stored.time),
    EventSource: String(record.eventSource),
    ...(typeof identity.userName === 'string' ? { Username: identity.userName } : {}),
    Resources: resources(record).map((r) => ({ ResourceType: r.type, ResourceName: r.ARN })),
    CloudTrailEvent: JSON.stringify(record),
  };
}
