// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile variables are written ${…} in plain strings.
import { describe, expect, it } from 'vitest';
import { dockerfileFacts, runsAsRoot } from '../../src/init/detect/dockerfile-facts.js';

describe('dockerfileFacts', () => {
  it('reads the final stage, through continuations, comments and ARG/ENV substitution', () => {
    const facts = dockerfileFacts(
      [
        'ARG BASE=debian:trixie-slim',
        'FROM node:26-trixie-slim AS build',
        'EXPOSE 3000',
        'USER root',
        'FROM ${BASE}',
        'ENV APP_PORT=8443',
        '# EXPOSE 1234',
        'HEALTHCHECK --interval=5s \\',
        '  # a comment inside the continuation',
        '  CMD curl -fsS http://localhost:${APP_PORT}/ready?full=1 || exit 1',
        'expose $APP_PORT/tcp 9090',
        'USER app',
      ].join('\n'),
    );
    expect(facts.port).toMatchObject({ value: 8443, line: 11 });
    expect(facts.ports).toEqual([8443, 9090]);
    expect(facts.healthCheckPath).toMatchObject({ value: '/ready?full=1', line: 8 });
    expect(facts.user).toMatchObject({ value: 'app', line: 12 });
    expect(facts.baseImage).toBe('debian:trixie-slim');
    expect(facts.stages).toBe(2);
    expect(runsAsRoot(facts)).toBe(false);
  });

  it('a stage built FROM an earlier one inherits its user, ports and platform', () => {
    const facts = dockerfileFacts(
      [
        'FROM --platform=linux/arm64 debian:trixie-slim AS runtime',
        'USER 10001',
        'EXPOSE 7000',
        'FROM --platform=$BUILDPLATFORM golang:1.24 AS build',
        'RUN go build',
        'FROM runtime',
        'COPY --from=build /out/app /app',
      ].join('\n'),
    );
    expect(facts).toMatchObject({ ports: [7000], user: { value: '10001' }, architecture: { value: 'ARM64', line: 1 } });
  });

  it('root or no USER on an ordinary base image runs as root; HEALTHCHECK NONE gives no path', () => {
    expect(runsAsRoot(dockerfileFacts('FROM python:3.13-slim\nHEALTHCHECK NONE\n'))).toBe(true);
    expect(dockerfileFacts('FROM python:3.13-slim\nHEALTHCHECK NONE\n').healthCheckPath).toBeUndefined();
    expect(runsAsRoot(dockerfileFacts('FROM python:3.13-slim\nUSER 0:0\n'))).toBe(true);
    expect(runsAsRoot(dockerfileFacts('FROM gcr.io/distroless/static-debian12:nonroot\n'))).toBe(false);
    expect(dockerfileFacts('FROM amd64/debian:trixie-slim\n').architecture?.value).toBe('X86_64');
  });

  it('odd input yields fewer facts, never an exception, in bounded time', () => {
    const started = performance.now();
    const endless = `FROM scratch\nEXPOSE 80 \\\n${'  8080 \\\n'.repeat(200_000)}`;
    expect(dockerfileFacts(endless).ports.slice(0, 2)).toEqual([80, 8080]);
    const binary = Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) % 256)).toString('utf8');
    expect(() => dockerfileFacts(binary)).not.toThrow();
    expect(dockerfileFacts('EXPOSE 80\nUSER root\n')).toEqual({ ports: [], stages: 0 });
    expect(dockerfileFacts('FROM\nEXPOSE 99999 abc -1\nHEALTHCHECK CMD curl\n').ports).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
