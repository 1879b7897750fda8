import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { GitHubClaims } from '../oidc/claims.js';

/**
 * A local stand-in for token.actions.githubusercontent.com: an OpenID Connect issuer on a loopback port that serves
 * the discovery document and JWKS, and signs RS256 tokens shaped like the ones a GitHub Actions job receives. The key
 * pair lives only in this process.
 */

/** github/docs' example token is valid from 10 minutes before it was issued until 5 minutes after. */
const NOT_BEFORE_SKEW_SECONDS = 600;
const LIFETIME_SECONDS = 300;

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
const JWKS_PATH = '/.well-known/jwks';

export interface LocalIssuer {
  /** `http://127.0.0.1:PORT`: the `iss` of every token it signs. */
  readonly url: string;
  /** Signs the token a job with these claims would get; `iss` becomes this issuer. */
  issue(claims: GitHubClaims): Promise<string>;
  close(): Promise<void>;
}

export interface IssuerOptions {
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  readonly now?: () => number;
}

export async function startIssuer(options: IssuerOptions = {}): Promise<LocalIssuer> {
  const now = options.now ?? Date.now;
  const kid = randomUUID();
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };

  let url = '';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', url).pathname;
    if (request.method !== 'GET') return send(response, 405, { error: 'method not allowed' });
    if (path === DISCOVERY_PATH) return send(response, 200, discoveryDocument(url));
    if (path === JWKS_PATH) return send(response, 200, jwks);
    return send(response, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    async issue(claims) {
      const issuedAt = Math.floor(now() / 1000);
      return new SignJWT({ ...claims, jti: randomUUID() })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(url)
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt - NOT_BEFORE_SKEW_SECONDS)
        .setExpirationTime(issuedAt + LIFETIME_SECONDS)
        .sign(privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The fields GitHub's own discovery document has, pointing at this issuer. */
function discoveryDocument(issuer: string) {
  return {
    issuer,
    jwks_uri: `${issuer}${JWKS_PATH}`,
    subject_types_supported: ['public', 'pairwise'],
    response_types_supported: ['id_token'],
    claims_supported: [
      'sub',
      'aud',
      'exp',
      'iat',
      'iss',
      'jti',
      'nbf',
      'ref',
      'ref_type',
      'environment',
      'event_name',
      'repository',
      'repository_id',
      'repository_owner',
      'repository_owner_id',
      'workflow_ref',
      'job_workflow_ref',
      'base_ref',
      'head_ref',
      'runner_environment',
    ],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid'],
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
