import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { Clock } from '../clock.js';
import { groupAttempts } from './attempt-groups.js';
import { HISTORY_DAYS, lookupRoleEvents, MAX_PAGES, type RegionSearch } from './cloudtrail-lookup.js';
import { type ExplainResult, explain } from './explain.js';
import { requestFromAttempt } from './explain-inputs.js';
import type { RoleRef } from './role-ref.js';
import { liveTrustPolicy, type TrustInput } from './trust-input.js';

/**
 * `hatoba explain --role`: the role's failed AssumeRoleWithWebIdentity calls, straight from CloudTrail, each explained
 * against the role's live trust policy exactly as `--event` explains a downloaded record.
 */

const DAY_MS = 86_400_000;
// STS API Reference, Welcome/Endpoints: requests to the global endpoint sts.amazonaws.com "map to the US East (N.
// Virginia) Region", and CloudTrail records a call in the Region that served it (IAM User Guide, "Logging IAM and AWS
// STS API calls with AWS CloudTrail"); a Regional endpoint's calls are recorded in its own Region.
export const GLOBAL_STS_REGION = 'us-east-1';

export interface RoleClients {
  readonly cloudtrail: CloudTrailClient;
  readonly iam: IAMClient;
}

export interface RoleExplanationInput {
  readonly role: RoleRef;
  /** The configured Region (where configure-aws-credentials' Regional endpoint records the call). */
  readonly region: string;
  readonly sinceMs: number;
  readonly clients: (region: string) => Promise<RoleClients>;
  /** `--trust-policy FILE` instead of the role's live one. */
  readonly trustPolicy?: TrustInput | undefined;
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
}

export interface GroupedResult extends ExplainResult {
  readonly attempts: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly regions: readonly string[];
  readonly eventIds: readonly string[];
}

export interface RoleExplanation {
  readonly role: string;
  readonly regions: readonly string[];
  readonly window: { readonly start: string; readonly end: string };
  readonly searched: readonly RegionSearch[];
  readonly trustPolicy: string;
  readonly warnings: readonly string[];
  /** What limited the search (the 90-day history, the page limit). */
  readonly notes: readonly string[];
  readonly results: readonly GroupedResult[];
  readonly successes: { readonly count: number; readonly latest: string | null };
}

export async function explainRole(input: RoleExplanationInput): Promise<RoleExplanation> {
  const notes: string[] = [];
  const end = input.clock.now();
  const historyMs = HISTORY_DAYS * DAY_MS;
  if (input.sinceMs > historyMs) {
    notes.push(
      `CloudTrail event history holds the last ${HISTORY_DAYS} days only: searched those instead of --since's ` +
        `${Math.round(input.sinceMs / DAY_MS)} days.`,
    );
  }
  const start = end - Math.min(input.sinceMs, historyMs);
  const regions = [...new Set([input.region, GLOBAL_STS_REGION])];
  const home = await input.clients(input.region);

  // The live policy first: a missing role or a missing iam:GetRole ends the run before any lookup.
  let role = input.role;
  let trust = input.trustPolicy;
  if (trust === undefined) {
    const live = await liveTrustPolicy(home.iam, role.name);
    role = { name: role.name, arn: live.roleArn };
    trust = live;
  }

  const clients = await Promise.all(
    regions.map(async (region) => ({ region, cloudtrail: (await input.clients(region)).cloudtrail })),
  );
  const found = await lookupRoleEvents({ role, clients, start, end, clock: input.clock, signal: input.signal });
  for (const search of found.searched) {
    if (search.truncated) {
      notes.push(
        `${search.region}: stopped after ${MAX_PAGES} pages (${search.events} AssumeRoleWithWebIdentity events of ` +
          'every role in the account); older calls were not searched. Pass a shorter --since.',
      );
    }
  }
  const policy = trust.trust;
  const results = groupAttempts(found.failures).map((group): GroupedResult => {
    const [newest] = group.attempts;
    const request = requestFromAttempt(newest ?? { origin: role.name });
    if (group.attempts.length > 1) {
      request.origin = `${group.attempts.length} attempts between ${group.first} and ${group.last} (${group.regions.join(', ')})`;
      delete request.time;
    }
    return {
      ...explain(request, policy),
      attempts: group.attempts.length,
      first: group.first ?? null,
      last: group.last ?? null,
      regions: group.regions,
      eventIds: group.attempts.flatMap((a) => (a.eventId === undefined ? [] : [a.eventId])),
    };
  });
  return {
    role: role.arn ?? role.name,
    regions,
    window: { start: isoSeconds(start), end: isoSeconds(end) },
    searched: found.searched,
    trustPolicy: policy.source,
    warnings: trust.warnings,
    notes,
    results,
    successes: { count: found.successes.length, latest: found.successes[0]?.eventTime ?? null },
  };
}

/** `2026-10-08T13:00:00Z`, as CloudTrail writes eventTime. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
