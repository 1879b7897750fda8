import { UserError } from '../errors.js';
import { message } from '../i18n/message.js';
import type { ExplainKey } from '../i18n/messages/explain.js';
import { DEFAULT_AUDIENCE, issuerHostPath, STS_GITHUB_CLAIM_KEYS } from '../oidc/claims.js';
import { quote } from '../quote.js';
import { parseCloudTrail, type WebIdentityAttempt } from './cloudtrail.js';
import type { ExplainRequest } from './explain.js';
import type { Hint } from './hints.js';

/** Turns the ways a user can describe an AssumeRoleWithWebIdentity call into explain requests. */

export interface Overrides {
  roleArn?: string | undefined;
  providerArn?: string | undefined;
}

/** One request per AssumeRoleWithWebIdentity record of a CloudTrail file; the overrides replace what it recorded. */
export function requestsFromEvent(bytes: Uint8Array, source: string, overrides: Overrides): ExplainRequest[] {
  return parseCloudTrail(bytes, source).map((attempt) => requestFromAttempt(attempt, overrides));
}

/** The request a recorded attempt made, with what CloudTrail says came of it. */
export function requestFromAttempt(attempt: WebIdentityAttempt, overrides: Overrides = {}): ExplainRequest {
  const claims: Record<string, string> = {};
  if (attempt.sub !== undefined) claims.sub = attempt.sub;
  if (attempt.aud !== undefined) claims.aud = attempt.aud;
  const request: ExplainRequest = { origin: attempt.origin, claims, outcome: {} };
  if (attempt.roleArn !== undefined) request.roleArn = attempt.roleArn;
  if (attempt.providerArn !== undefined) request.providerArn = attempt.providerArn;
  if (attempt.eventTime !== undefined) request.time = attempt.eventTime;
  const outcome: NonNullable<ExplainRequest['outcome']> = {};
  if (attempt.errorCode !== undefined) outcome.errorCode = attempt.errorCode;
  if (attempt.errorMessage !== undefined) outcome.errorMessage = attempt.errorMessage;
  if (attempt.durationSeconds !== undefined) outcome.durationSeconds = attempt.durationSeconds;
  request.outcome = outcome;
  return withOverrides(request, overrides);
}

/** A request from `--sub` (and `--aud`, which defaults to what configure-aws-credentials asks for). */
export function requestFromSubject(sub: string, aud: string | undefined, overrides: Overrides): ExplainRequest {
  return withOverrides({ origin: '--sub', claims: { sub, aud: aud ?? DEFAULT_AUDIENCE } }, overrides);
}

/**
 * A request from a GitHub OIDC token. The token is decoded, never verified (its signature is AWS's business), and
 * never printed: only the claims AWS exposes are kept.
 */
export async function requestFromToken(
  token: string,
  overrides: Overrides,
  now: number = Date.now(),
): Promise<ExplainRequest> {
  const { decodeJwt, decodeProtectedHeader } = await import('jose');
  let payload: Record<string, unknown>;
  let header: Record<string, unknown>;
  try {
    payload = decodeJwt(token.trim());
    header = decodeProtectedHeader(token.trim());
  } catch {
    throw new UserError(
      '--token is not a JWT (expected three base64url parts separated by dots)',
      'Pass the ID token itself, not ACTIONS_ID_TOKEN_REQUEST_TOKEN (that is only a bearer token to request one).',
    );
  }
  const claims: Record<string, string> = {};
  for (const claim of STS_GITHUB_CLAIM_KEYS) {
    const value = payload[claim];
    if (typeof value === 'string') claims[claim] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') claims[claim] = value[0];
    else if (typeof value === 'number') claims[claim] = String(value);
  }
  if (claims.sub === undefined) throw new UserError('--token has no sub claim; is it a GitHub Actions OIDC token?');
  const request: ExplainRequest = { origin: '--token', claims };
  const notes = tokenNotes(header, payload, now);
  if (notes.length > 0) request.notes = notes;
  if (typeof payload.iss === 'string') request.issuer = payload.iss;
  if (typeof payload.iss === 'string' && overrides.providerArn === undefined && overrides.roleArn !== undefined) {
    // The provider lives in the role's account and is named after the issuer.
    const account = /^arn:[^:]+:iam::(\d{12}):/.exec(overrides.roleArn);
    const partition = /^arn:([^:]+):/.exec(overrides.roleArn)?.[1];
    if (account && partition) {
      request.providerArn = `arn:${partition}:iam::${account[1]}:oidc-provider/${issuerHostPath(payload.iss)}`;
    }
  }
  return withOverrides(request, overrides);
}

/**
 * What STS checks before the trust policy and this token would fail: GitHub signs its tokens with RS256 (its JWKS
 * publishes RSA keys), so another `alg`, above all `none`, cannot be one it issued; an `exp` in the past gets
 * ExpiredTokenException ("The web identity token that was passed is expired or is not valid", STS API Reference,
 * AssumeRoleWithWebIdentity, Errors). The token itself is never quoted.
 */
function tokenNotes(header: Record<string, unknown>, payload: Record<string, unknown>, now: number): Hint[] {
  const notes: Hint[] = [];
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (alg !== 'RS256') {
    notes.push(alg === undefined ? message('token-alg-none-given') : message('token-alg', { alg: quote(alg, 20) }));
  }
  if (typeof payload.exp === 'number' && Number.isFinite(payload.exp) && payload.exp * 1000 <= now) {
    notes.push(message('token-expired', { ago: ago(now - payload.exp * 1000) }));
  }
  return notes;
}

/** `3 days`, `5 hours`, `12 minutes`, `40 seconds`. */
function ago(ms: number): Hint {
  const units: [ExplainKey, ExplainKey, number][] = [
    ['day', 'days', 86_400_000],
    ['hour', 'hours', 3_600_000],
    ['minute', 'minutes', 60_000],
  ];
  for (const [one, many, size] of units) {
    const count = Math.floor(ms / size);
    if (count >= 1) return message(count === 1 ? one : many, { count });
  }
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return message(seconds === 1 ? 'second' : 'seconds', { count: seconds });
}

function withOverrides(request: ExplainRequest, overrides: Overrides): ExplainRequest {
  if (overrides.roleArn !== undefined) request.roleArn = overrides.roleArn;
  if (overrides.providerArn !== undefined) request.providerArn = overrides.providerArn;
  return request;
}
