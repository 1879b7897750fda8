import { UserError } from '../errors.js';
import { DEFAULT_AUDIENCE, issuerHostPath, STS_GITHUB_CLAIM_KEYS } from '../oidc/claims.js';
import { quote } from '../quote.js';
import { parseCloudTrail, type WebIdentityAttempt } from './cloudtrail.js';
import type { ExplainRequest } from './explain.js';

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
function tokenNotes(header: Record<string, unknown>, payload: Record<string, unknown>, now: number): string[] {
  const notes: string[] = [];
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (alg !== 'RS256') {
    notes.push(
      `The token's header says alg ${quote(alg ?? '(none given)', 20)}: GitHub signs its OIDC tokens with RS256, and ` +
        'STS rejects a token that is unsigned or signed otherwise (InvalidIdentityToken). Is it really from GitHub Actions?',
    );
  }
  if (typeof payload.exp === 'number' && Number.isFinite(payload.exp) && payload.exp * 1000 <= now) {
    notes.push(
      `The token expired ${ago(now - payload.exp * 1000)} ago: STS rejects it with ExpiredTokenException ("The web ` +
        'identity token that was passed is expired or is not valid"). GitHub Actions tokens are short-lived: ' +
        'check a token from a current run.',
    );
  }
  return notes;
}

/** `3 days`, `5 hours`, `12 minutes`, `40 seconds`. */
function ago(ms: number): string {
  const units: [string, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
  ];
  for (const [unit, size] of units) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

function withOverrides(request: ExplainRequest, overrides: Overrides): ExplainRequest {
  if (overrides.roleArn !== undefined) request.roleArn = overrides.roleArn;
  if (overrides.providerArn !== undefined) request.providerArn = overrides.providerArn;
  return request;
}
