/** Settings read once at start from the environment (12-factor); a bad value stops the service before it listens. */
export interface Config {
  readonly service: string;
  readonly version: string;
  readonly port: number;
  /** Hard deadline for draining after SIGTERM; keep it below the ECS task's stopTimeout (30 s by default). */
  readonly shutdownTimeoutMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  return {
    service: env.SERVICE_NAME || 'hello-service',
    // APP_VERSION and GIT_SHA are baked into the image by build arguments.
    version: env.APP_VERSION || env.GIT_SHA || 'dev',
    port: integer(env, 'PORT', 8080, 1, 65_535),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 120_000),
  };
}
