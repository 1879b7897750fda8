import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('uses defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({ service: 'hello-service', version: 'dev', port: 8080, shutdownTimeoutMs: 10_000 });
  });

  it.each([
    [{ APP_VERSION: '1.4.0', GIT_SHA: 'abc123' }, '1.4.0'],
    [{ GIT_SHA: 'abc123' }, 'abc123'],
    [{ APP_VERSION: '', GIT_SHA: 'abc123' }, 'abc123'],
  ])('takes the version from %j', (env, version) => {
    expect(loadConfig(env).version).toBe(version);
  });

  it.each([
    [{ PORT: '3000' }, 'port', 3000],
    [{ PORT: '' }, 'port', 8080],
    [{ SHUTDOWN_TIMEOUT_MS: '0' }, 'shutdownTimeoutMs', 0],
    [{ SHUTDOWN_TIMEOUT_MS: '25000' }, 'shutdownTimeoutMs', 25_000],
    [{ SERVICE_NAME: 'orders' }, 'service', 'orders'],
  ] as const)('reads %j into %s', (env, key, value) => {
    expect(loadConfig(env)[key]).toBe(value);
  });

  it.each([
    [{ PORT: '0' }, "PORT must be an integer from 1 to 65535, got '0'"],
    [{ PORT: '65536' }, "PORT must be an integer from 1 to 65535, got '65536'"],
    [{ PORT: '80a' }, "PORT must be an integer from 1 to 65535, got '80a'"],
    [{ PORT: '8080.5' }, "PORT must be an integer from 1 to 65535, got '8080.5'"],
    [{ SHUTDOWN_TIMEOUT_MS: '-1' }, "SHUTDOWN_TIMEOUT_MS must be an integer from 0 to 120000, got '-1'"],
  ])('rejects %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
