import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { githubClaims } from '../../src/oidc/claims.js';
import { DISCOVERY_PATH, type LocalIssuer, startIssuer } from '../../src/rehearse/issuer.js';
import { type Provider, TokenRejected, verifyLikeSts } from '../../src/rehearse/token-verify.js';

const CLAIMS = githubClaims({
  repository: 'octo-org/web',
  event: { name: 'push', ref: 'refs/heads/main' },
  environment: 'production',
});
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const clock = () => NOW;

const opened: LocalIssuer[] = [];
async function issuer(now: () => number = clock): Promise<LocalIssuer> {
  const started = await startIssuer({ now });
  opened.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((i) => i.close()));
});

function provider(local: LocalIssuer, clientIds = ['sts.amazonaws.com']): Provider {
  return { url: local.url, clientIds };
}

describe('local OIDC issuer', () => {
  it('serves a discovery document on a loopback port that points at its JWKS', async () => {
    const local = await issuer();
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const discovery = (await (await fetch(`${local.url}${DISCOVERY_PATH}`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: local.url,
      jwks_uri: `${local.url}/.well-known/jwks`,
      response_types_supported: ['id_token'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0]).not.toHaveProperty('d'); // never the private part
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const local = await issuer();
    expect((await fetch(`${local.url}/token`)).status).toBe(404);
    expect((await fetch(`${local.url}${DISCOVERY_PATH}`, { method: 'POST' })).status).toBe(405);
  });

  it("signs GitHub's claims with its own issuer and GitHub's validity window", async () => {
    const local = await issuer();
    const token = await local.issue(CLAIMS);
    const header = decodeProtectedHeader(token);
    const jwks = (await (await fetch(`${local.url}/.well-known/jwks`)).json()) as { keys: { kid: string }[] };
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: jwks.keys[0]?.kid });
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({
      iss: local.url,
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/web:environment:production',
      ref: 'refs/heads/main',
      environment: 'production',
      repository: 'octo-org/web',
      event_name: 'push',
      iat: NOW / 1000,
      nbf: NOW / 1000 - 600,
      exp: NOW / 1000 + 300,
    });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeJwt(await local.issue(CLAIMS)).jti).not.toBe(payload.jti);
  });
});

describe('verifyLikeSts', () => {
  it('accepts a token from the registered issuer and returns its claims', async () => {
    const local = await issuer();
    const payload = await verifyLikeSts(await local.issue(CLAIMS), provider(local), { now: clock });
    expect(payload.sub).toBe('repo:octo-org/web:environment:production');
    expect(payload.aud).toBe('sts.amazonaws.com');
  });

  async function rejection(promise: Promise<unknown>): Promise<TokenRejected> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TokenRejected);
    return error as TokenRejected;
  }

  const cases: {
    name: string;
    make: (local: LocalIssuer) => Promise<{ token: string; provider?: Provider; now?: number }>;
    code: TokenRejected['code'];
    message: RegExp;
  }[] = [
    {
      name: 'an audience the provider does not list',
      make: async (local) => ({ token: await local.issue({ ...CLAIMS, aud: 'sts.amazonaws.com.cn' }) }),
      code: 'InvalidIdentityToken',
      message: /Incorrect token audience \(the provider accepts sts\.amazonaws\.com\)/,
    },
    {
      name: 'an expired token',
      make: async (local) => ({ token: await local.issue(CLAIMS), now: NOW + 301_000 }),
      code: 'ExpiredTokenException',
      message: /Token expired/,
    },
    {
      name: 'a token before its nbf',
      make: async (local) => ({ token: await local.issue(CLAIMS), now: NOW - 601_000 }),
      code: 'InvalidIdentityToken',
      message: /nbf/,
    },
    {
      name: 'an issuer that is not a registered provider',
      make: async (local) => {
        const other = await issuer();
        return { token: await other.issue(CLAIMS), provider: provider(local) };
      },
      code: 'InvalidIdentityToken',
      message: /No OpenIDConnect provider found in your account for http:\/\/127\.0\.0\.1:\d+/,
    },
    {
      name: 'a tampered payload',
      make: async (local) => {
        const [header, , signature] = (await local.issue(CLAIMS)).split('.');
        const forged = Buffer.from(
          JSON.stringify({ ...decodeJwt(await local.issue(CLAIMS)), sub: 'repo:evil/x:ref:refs/heads/main' }),
        );
        return { token: `${header}.${forged.toString('base64url')}.${signature}` };
      },
      code: 'InvalidIdentityToken',
      message: /could not be validated by AWS \(signature verification failed\)/,
    },
    {
      name: 'a key the JWKS does not have',
      make: async (local) => {
        const { privateKey } = await generateKeyPair('RS256');
        const token = await new SignJWT({ ...CLAIMS })
          .setProtectedHeader({ alg: 'RS256', kid: 'someone-else' })
          .setIssuer(local.url)
          .setIssuedAt(NOW / 1000)
          .setExpirationTime(NOW / 1000 + 300)
          .sign(privateKey);
        return { token };
      },
      code: 'IDPCommunicationError',
      message: /Couldn't retrieve verification key from your identity provider: no key in its JWKS matches/,
    },
    {
      name: 'an issuer that no longer answers',
      make: async (local) => {
        const token = await local.issue(CLAIMS);
        await local.close();
        return { token };
      },
      code: 'IDPCommunicationError',
      message: /Couldn't retrieve the discovery document http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration/,
    },
  ];
  it.each(cases)('rejects $name', async ({ make, code, message }) => {
    const local = await issuer();
    const { token, provider: given, now } = await make(local);
    const error = await rejection(verifyLikeSts(token, given ?? provider(local), { now: () => now ?? NOW }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(token.split('.')[1]); // the token never ends up in a message
  });

  it('rejects text that is not a JWT without echoing it', async () => {
    const local = await issuer();
    const error = await rejection(verifyLikeSts('not-a-token', provider(local)));
    expect(error.message).toBe('InvalidIdentityToken: the token is not a well-formed JWT');
  });

  it('rejects a discovery document that names another issuer, as STS does', async () => {
    const server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ issuer: 'https://token.actions.githubusercontent.com', jwks_uri: 'x' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ sub: 'x' })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(url)
        .sign(privateKey);
      const error = await rejection(verifyLikeSts(token, { url, clientIds: ['sts.amazonaws.com'] }));
      expect(error.message).toMatch(/names issuer "https:\/\/token\.actions\.githubusercontent\.com", not http:/);
    } finally {
      server.close();
    }
  });
});
