import type { WebIdentityAttempt } from './cloudtrail.js';

/** Repeated identical calls (a job retried, or re-run) are one question: explain them once. */
export interface AttemptGroup {
  /** Newest first; the first one stands for the group. */
  readonly attempts: readonly WebIdentityAttempt[];
  /** eventTime of the oldest and the newest attempt. */
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly regions: readonly string[];
}

/** Groups attempts with the same sub, aud, provider and errorCode; groups come newest first. */
export function groupAttempts(attempts: readonly WebIdentityAttempt[]): AttemptGroup[] {
  const groups = new Map<string, WebIdentityAttempt[]>();
  for (const attempt of attempts) {
    const key = JSON.stringify([attempt.sub, attempt.aud, attempt.providerArn, attempt.errorCode]);
    groups.set(key, [...(groups.get(key) ?? []), attempt]);
  }
  const time = (attempt: WebIdentityAttempt | undefined) => attempt?.eventTime ?? '';
  return [...groups.values()]
    .map((members) => {
      const sorted = [...members].sort((a, b) => time(b).localeCompare(time(a)));
      return {
        attempts: sorted,
        first: sorted.at(-1)?.eventTime,
        last: sorted[0]?.eventTime,
        regions: [...new Set(sorted.flatMap((a) => (a.region === undefined ? [] : [a.region])))],
      };
    })
    .sort((a, b) => (b.last ?? '').localeCompare(a.last ?? ''));
}
