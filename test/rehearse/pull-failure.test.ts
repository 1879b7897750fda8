import { describe, expect, it } from 'vitest';
import { baseImages, pullFailure } from '../../src/rehearse/pull-failure.js';

const DOCKERFILE =
  'FROM node:26-trixie-slim AS deps\nRUN npm ci\nFROM deps AS build\nFROM scratch\nCOPY --from=build /a /a\n';

// Recorded from `docker build` (legacy builder of Engine 20.10, and BuildKit) on a machine without registry access.
const LEGACY_NETWORK =
  'Sending build context to Docker daemon  4.096kB\nStep 1/3 : FROM 127.0.0.1:9/hatoba-missing/base:1 AS build\n' +
  'Get "http://127.0.0.1:9/v2/": dial tcp 127.0.0.1:9: connect: connection refused';
const BUILDKIT_NOT_FOUND =
  '#3 ERROR: docker.io/library/node:26-trixie-slim: not found\n------\n > [internal] load metadata for ' +
  'docker.io/library/node:26-trixie-slim:\n------\nERROR: failed to solve: node:26-trixie-slim: failed to resolve ' +
  'source metadata for docker.io/library/node:26-trixie-slim: docker.io/library/node:26-trixie-slim: not found';
const RATE_LIMIT =
  'Step 1/5 : FROM node:26-trixie-slim\ntoomanyrequests: You have reached your unauthenticated pull rate limit.';
const TLS =
  'Step 1/5 : FROM node:26-trixie-slim\nGet "https://registry-1.docker.io/v2/": tls: failed to verify certificate: ' +
  'x509: certificate signed by unknown authority';

describe('pullFailure', () => {
  it('lists the images a Dockerfile pulls: not its own stages, not scratch', () => {
    expect(baseImages(DOCKERFILE)).toEqual(['node:26-trixie-slim']);
  });

  it('names the FROM image the legacy builder could not reach, and the way out for an offline machine', () => {
    const failure = pullFailure(LEGACY_NETWORK, 'FROM 127.0.0.1:9/hatoba-missing/base:1 AS build\nRUN true\n');
    expect(failure).toMatchObject({
      image: '127.0.0.1:9/hatoba-missing/base:1',
      reason: 'network',
      message:
        'The base image 127.0.0.1:9/hatoba-missing/base:1 (FROM in the Dockerfile) could not be pulled: it could ' +
        'not be reached: no network route to its registry.',
    });
    expect(failure?.hints.join('\n')).toContain('docker save 127.0.0.1:9/hatoba-missing/base:1');
  });

  it('tells a missing image or tag, a rate limit and a TLS failure apart', () => {
    expect(pullFailure(BUILDKIT_NOT_FOUND, DOCKERFILE)).toMatchObject({
      image: 'node:26-trixie-slim',
      reason: 'not-found',
    });
    expect(pullFailure(BUILDKIT_NOT_FOUND, DOCKERFILE)?.hints[0]).toMatch(/docker login/);
    expect(pullFailure(RATE_LIMIT, DOCKERFILE)?.reason).toBe('rate-limit');
    expect(pullFailure(TLS, DOCKERFILE)?.reason).toBe('tls');
  });

  it('leaves other build failures alone', () => {
    const failed = 'Step 2/5 : RUN npm ci\nnpm error code ENOENT\nThe command returned a non-zero code: 254';
    expect(pullFailure(failed, DOCKERFILE)).toBeUndefined();
    // The same words from a RUN step are the app's network, not the base image's.
    const run =
      'Step 1/5 : FROM node:26-trixie-slim\n ---> 75da7cb53081\nStep 2/5 : RUN curl x\ndial tcp: no such host';
    expect(pullFailure(run, DOCKERFILE)).toBeUndefined();
  });
});
