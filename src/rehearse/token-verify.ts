import { createRemoteJWKSet, decodeJwt, errors, type JWTPayload, jwtVerify } from 'jose';
import { errorMessage } from '../errors.js';
import { DISCOVERY_PATH } from './issuer.js';

/**
 * Checks a token the way AWS STS checks a web identity token before it reads the trust policy: the issuer must be
 * a registered provider, its discovery document and JWKS are fetched over HTTP, and the RS256 signature, `iss`,
 * `aud` (the provider's client ids) and the validity window must all hold. Messages follow STS's wording.
 */

export interface Provider {
  /** The issuer URL the provider was registered for. */
  readonly url: string;
  /** The provider's audiences (ClientIDList). */
  readonly clientIds: readonly string[];
}

export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
  constructor(
    /** The STS error code it would answer with. */
    readonly code: 'InvalidIdentityToken' | 'ExpiredTokenException' | 'IDPCommunicationError',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface VerifyOptions {
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** Verified claims, or a TokenRejected saying why STS would refuse the token. The token itself is never in a message. */
export async function verifyLikeSts(
  token: string,
  provider: Provider,
  options: VerifyOptions = {},
): Promise<JWTPayload> {
  let issuer: string | undefined;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    throw new TokenRejected('InvalidIdentityToken', 'the token is not a well-formed JWT');
  }
  if (issuer !== provider.url) {
    throw new TokenRejected('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${issuer}`);
  }
  const jwksUri = await discoverJwks(provider.url, options.signal);
  const keys = createRemoteJWKSet(jwksUri);
  const now = options.now ?? Date.now;
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: provider.url,
      audience: [...provider.clientIds],
      algorithms: ['RS256'],
      requiredClaims: ['sub', 'aud', 'exp', 'iat'],
      currentDate: new Date(now()),
    });
    return payload;
  } catch (error) {
    throw rejection(error, provider);
  }
}

async function discoverJwks(issuer: string, signal: AbortSignal | undefined): Promise<URL> {
  const where = `${issuer}${DISCOVERY_PATH}`;
  let document: unknown;
  try {
    const response = await fetch(where, signal ? { signal } : {});
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = await response.json();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new TokenRejected(
      'IDPCommunicationError',
      `Couldn't retrieve the discovery document ${where} (${errorMessage(error)})`,
    );
  }
  const fields = (document ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
  if (fields.issuer !== issuer) {
    throw new TokenRejected(
      'InvalidIdentityToken',
      `the discovery document names issuer ${JSON.stringify(fields.issuer)}, not ${issuer}`,
    );
  }
  if (typeof fields.jwks_uri !== 'string') {
    throw new TokenRejected('IDPCommunicationError', `the discovery document ${where} has no jwks_uri`);
  }
  return new URL(fields.jwks_uri);
}

function rejection(error: unknown, provider: Provider): Error {
  if (error instanceof errors.JWTExpired) {
    return new TokenRejected('ExpiredTokenException', 'Token expired: the current time is past its exp');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return new TokenRejected(
        'InvalidIdentityToken',
        `Incorrect token audience (the provider accepts ${provider.clientIds.join(', ')})`,
      );
    }
    return new TokenRejected('InvalidIdentityToken', `the token's ${error.claim} claim is not valid: ${error.reason}`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new TokenRejected(
      'IDPCommunicationError',
      "Couldn't retrieve verification key from your identity provider: no key in its JWKS matches the token's kid",
    );
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new TokenRejected('IDPCommunicationError', `Couldn't retrieve the JWKS: ${error.message}`);
  }
  if (error instanceof errors.JOSEError) {
    return new TokenRejected(
      'InvalidIdentityToken',
      `The web identity token that was passed could not be validated by AWS (${error.message})`,
    );
  }
  // Anything else happened while fetching the JWKS (connection refused, bad JSON).
  return new TokenRejected(
    'IDPCommunicationError',
    `Couldn't retrieve verification key from your identity provider (${errorMessage(error)})`,
  );
}
