import { type CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { Clock } from '../clock.js';
import { attemptFromRecord, type WebIdentityAttempt } from './cloudtrail.js';
import { isRecord } from './policy.js';
import { isRole, type RoleRef } from './role-ref.js';

/** A role's AssumeRoleWithWebIdentity calls, read from CloudTrail event history (LookupEvents). */

const EVENT_NAME = 'AssumeRoleWithWebIdentity';
// LookupEvents (CloudTrail API Reference): "You can look up events that occurred in a Region within the last 90 days".
export const HISTORY_DAYS = 90;
// LookupEvents: MaxResults "Possible values are 1 through 50".
const PAGE_SIZE = 50;
// LookupEvents: "The rate of lookup requests is limited to two per second, per account, per Region".
const REQUEST_SPACING_MS = 500;
/**
 * Pages read per Region. The lookup can filter on one attribute only (EventName), so every role's web identity
 * calls in the account come back: 10 pages are the newest 500 calls per Region, about 5 s at the rate limit.
 */
export const MAX_PAGES = 10;

export interface RegionSearch {
  readonly region: string;
  readonly pages: number;
  /** AssumeRoleWithWebIdentity events read (every role's). */
  readonly events: number;
  /** True when MAX_PAGES stopped the search before CloudTrail ran out of events. */
  readonly truncated: boolean;
}

export interface RoleEvents {
  readonly failures: WebIdentityAttempt[];
  readonly successes: WebIdentityAttempt[];
  readonly searched: RegionSearch[];
}

export interface LookupOptions {
  readonly role: RoleRef;
  /** One client per Region to search, in the order to search them. */
  readonly clients: readonly { readonly region: string; readonly cloudtrail: CloudTrailClient }[];
  readonly start: number;
  readonly end: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
}

export async function lookupRoleEvents(options: LookupOptions): Promise<RoleEvents> {
  const seen = new Set<string>();
  const failures: WebIdentityAttempt[] = [];
  const successes: WebIdentityAttempt[] = [];
  const searched: RegionSearch[] = [];
  for (const { region, cloudtrail } of options.clients) {
    let token: string | undefined;
    let pages = 0;
    let events = 0;
    do {
      if (pages > 0) await options.clock.sleep(REQUEST_SPACING_MS, options.signal);
      const page = await cloudtrail.send(
        new LookupEventsCommand({
          // LookupEvents: LookupAttributes "can contain only one item".
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: EVENT_NAME }],
          StartTime: new Date(options.start),
          EndTime: new Date(options.end),
          MaxResults: PAGE_SIZE,
          // LookupEvents: a NextToken "must be passed in with the same parameters" as the original call.
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      pages += 1;
      token = page.NextToken;
      for (const event of page.Events ?? []) {
        events += 1;
        const attempt = attemptOf(event.CloudTrailEvent, region, event.EventId);
        if (attempt === undefined || !isRole(options.role, attempt.roleArn)) continue;
        const id = attempt.eventId ?? attempt.origin;
        if (seen.has(id)) continue;
        seen.add(id);
        (attempt.errorCode === undefined ? successes : failures).push(attempt);
      }
    } while (token !== undefined && pages < MAX_PAGES);
    searched.push({ region, pages, events, truncated: token !== undefined });
  }
  const newestFirst = (a: WebIdentityAttempt, b: WebIdentityAttempt) =>
    (b.eventTime ?? '').localeCompare(a.eventTime ?? '');
  return { failures: failures.sort(newestFirst), successes: successes.sort(newestFirst), searched };
}

/** The record behind a LookupEvents result: `CloudTrailEvent` is the full event as a JSON string. */
function attemptOf(json: string | undefined, region: string, eventId: string | undefined) {
  if (json === undefined) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(record) || record.eventName !== EVENT_NAME) return undefined;
  return attemptFromRecord(record, `${region} ${eventId ?? String(record.eventID ?? '')}`.trim());
}
