import { type Message, message } from '../i18n/message.js';
import type { ExplainKey } from '../i18n/messages/explain.js';
import { AWS_AUDIENCES, DEFAULT_AUDIENCE, describeSubject, type SubjectParts } from '../oidc/claims.js';
import { closest, editDistance } from './closest.js';
import { hasWildcard, splitArn, wildcardMatch } from './match.js';

/**
 * Why a token's claims missed a trust policy's values, in the words of the classic mistakes: environment vs branch,
 * pull requests, letter case, immutable ids, another repository, `%3A`, custom templates, audience typos, provider
 * in another account. Each hint is a message of the explain catalogue (src/i18n/messages/explain.ts).
 */

export type Hint = Message<ExplainKey>;

/**
 * Hints for a `sub` that matched none of `expected`; the first names the closest trusted subject. `roles` (hatoba.yml
 * `environments`): each GitHub environment's deploy role, so a token of another environment is sent to its own.
 */
export function subjectHints(
  actual: string,
  expected: readonly string[],
  roles: Readonly<Record<string, string>> = {},
): Hint[] {
  const target = closest(actual, expected);
  if (target === undefined) return [];
  const hints: Hint[] = [message('closest-subject', { subject: target })];
  const a = describeSubject(actual);
  const e = describeSubject(target);

  if (actual.toLowerCase() === target.toLowerCase() || wildcardMatch(target, actual, { ignoreCase: true })) {
    hints.push(message('subject-case', { actual }));
    return hints;
  }
  if (actual.replace(/%3A/gi, ':') === target) {
    hints.push(message('subject-escaped-colon', { actual, trusted: target }));
    return hints;
  }
  if (a.ownerId !== undefined && e.ownerId === undefined) {
    hints.push(
      message('subject-immutable-in-token', { subject: a.keys.includes('repo') ? rebuildRepo(target, a) : actual }),
    );
  } else if (a.ownerId === undefined && e.ownerId !== undefined && a.repository !== undefined) {
    hints.push(message('subject-immutable-in-policy'));
  }
  // A pattern (repo:o/r:*) parses as a custom template; only compare templates of exact subjects.
  if ((a.form === 'custom' || e.form === 'custom') && !hasWildcard(target)) {
    if (a.keys.join() !== e.keys.join()) {
      hints.push(message('subject-claim-keys', { actualKeys: a.keys.join(', '), trustedKeys: e.keys.join(', ') }));
    }
  }
  if (a.repository && e.repository && !wildcardMatch(e.repository, a.repository)) {
    hints.push(message('other-repository', { actual: a.repository, trusted: e.repository }));
  }
  hints.push(...contextHints(a, e, roles));
  return hints;
}

function rebuildRepo(target: string, actual: SubjectParts): string {
  return target.replace(
    /^repo:[^:]+/,
    `repo:${actual.owner}@${actual.ownerId}/${actual.repository?.split('/')[1]}@${actual.repositoryId}`,
  );
}

function contextHints(a: SubjectParts, e: SubjectParts, roles: Readonly<Record<string, string>>): Hint[] {
  const ac = a.context;
  const ec = e.context;
  if (!ac || !ec) return [];
  const own = ac.kind === 'environment' && Object.hasOwn(roles, ac.name) ? roles[ac.name] : undefined;
  if (ac.kind === 'environment' && ec.kind === 'ref') {
    // With environments, trusting the environment here would let a deploy job push: send it to its own role instead.
    if (own !== undefined) {
      return [message('environment-instead-of-ref.environments', { environment: ac.name, ref: ec.ref, role: own })];
    }
    return [message('environment-instead-of-ref', { environment: ac.name, ref: ec.ref })];
  }
  if (ac.kind === 'ref' && ec.kind === 'environment') {
    return [message('ref-instead-of-environment', { environment: ec.name, ref: ac.ref })];
  }
  if (ac.kind === 'pull_request' && ec.kind !== 'pull_request') {
    return [message('pull-request')];
  }
  if (ac.kind === 'ref' && ec.kind === 'ref' && ac.ref !== ec.ref) {
    return [
      message('other-ref', {
        refType: ac.refType,
        name: ac.name,
        ref: ac.ref,
        trustedRefType: ec.refType,
        trustedName: ec.name,
        trustedRef: ec.ref,
        setting: ac.refType === 'tag' ? 'tags' : 'branches',
      }),
    ];
  }
  if (ac.kind === 'environment' && ec.kind === 'environment' && ac.name !== ec.name) {
    if (own !== undefined) {
      return [message('other-environment.own-role', { environment: ac.name, trusted: ec.name, role: own })];
    }
    return [message('other-environment', { environment: ac.name, trusted: ec.name })];
  }
  return [];
}

/** Hints for an `aud` that matched none of `expected`. */
export function audienceHints(actual: string | undefined, expected: readonly string[]): Hint[] {
  if (actual === undefined) return [message('no-aud')];
  const hints: Hint[] = [];
  const target = closest(actual, expected) ?? DEFAULT_AUDIENCE;
  if (isTypoOf(actual, DEFAULT_AUDIENCE)) {
    hints.push(message('audience-typo-token', { actual, intended: DEFAULT_AUDIENCE }));
  }
  for (const value of expected) {
    if (isTypoOf(value, DEFAULT_AUDIENCE)) {
      hints.push(message('audience-typo-policy', { value, intended: DEFAULT_AUDIENCE }));
    }
  }
  if (actual.startsWith('https://github.com/')) {
    hints.push(message('github-default-audience', { actual, intended: DEFAULT_AUDIENCE }));
  }
  hints.push(message('audience-mismatch', { actual, expected: target }));
  return hints;
}

/** Close to `intended` but not one of the audiences AWS is really asked for. */
function isTypoOf(value: string, intended: string): boolean {
  return !AWS_AUDIENCES.includes(value) && editDistance(value.toLowerCase(), intended) <= 3;
}

/** Hints for a token from a provider the statement does not name. */
export function providerHints(actual: string, trusted: readonly string[]): Hint[] {
  const target = closest(actual, trusted);
  if (target === undefined) return [];
  const a = splitArn(actual);
  const e = splitArn(target);
  const hints: Hint[] = [message('provider-mismatch', { actual, trusted: target })];
  if (a && e && a[4] !== e[4]) {
    hints.push(message('provider-other-account', { actualAccount: a[4], trustedAccount: e[4] }));
  } else if (a && e && a[5] !== e[5]) {
    hints.push(message('provider-other-issuer'));
  }
  return hints;
}
