import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { HatobaConfigFile } from '../../src/config/schema.js';
import { writeFileAtomic } from '../../src/fs/write-atomic.js';
import { normalizeArchitecture } from '../../src/rehearse/image-build.js';

/** Every app a live run creates is named `hatoba-live-<8 hex>`: search for this prefix to clean up by hand. */
export const LIVE_PREFIX = 'hatoba-live-';

/** A name no other run uses; lower case and short, as app names (and the ECR, ECS and IAM names made from them) need. */
export function liveAppName(suffix: string = randomBytes(4).toString('hex')): string {
  return `${LIVE_PREFIX}${suffix}`;
}

export interface LiveConfigInput {
  readonly app: string;
  readonly account: string;
  readonly region: string;
  /** The Docker Engine's architecture, so the task runs the image this machine builds without emulation. */
  readonly architecture: 'X86_64' | 'ARM64';
  /** Absolute path of the directory to build (examples/hello-service). */
  readonly buildContext: string;
  /**
   * The GitHub repository the deploy role trusts. Nothing assumes the role during a live run; the default names a
   * repository that is as unguessable as the app name.
   * @default `hatoba-live/<app>`
   */
  readonly githubRepository?: string;
}

/**
 * hatoba.yml of a live run: the example service's settings (port, health check path, smallest Fargate size) plus
 * what keeps the run cheap and short-lived (one task, one-day log retention, the fewest kept images).
 */
export function liveConfig(input: LiveConfigInput): HatobaConfigFile {
  return {
    app: input.app,
    github: { repository: input.githubRepository ?? `hatoba-live/${input.app}`, branches: ['main'] },
    aws: { account: input.account, region: input.region },
    ecr: { keepImages: 5 },
    ecs: {
      cpu: 256,
      memory: 512,
      architecture: input.architecture,
      desiredCount: 1,
      logRetentionDays: 1,
      container: { port: 8080, healthCheckPath: '/healthz' },
    },
    build: { context: input.buildContext, dockerfile: 'Dockerfile' },
  };
}

export function liveConfigText(input: LiveConfigInput): string {
  return `# Written by the live test suite (test/live); deleted with the run.\n${stringify(liveConfig(input))}`;
}

/** Writes `<dir>/hatoba.yml` and returns its path. */
export async function writeLiveConfig(dir: string, input: LiveConfigInput): Promise<string> {
  const path = join(dir, 'hatoba.yml');
  await writeFileAtomic(path, liveConfigText(input));
  return path;
}

/** ecs.architecture for a Docker Engine architecture (`x86_64`/`amd64`, `aarch64`/`arm64`). */
export function architectureOf(engineArchitecture: string): 'X86_64' | 'ARM64' {
  const normalized = normalizeArchitecture(engineArchitecture);
  if (normalized === 'amd64') return 'X86_64';
  if (normalized === 'arm64') return 'ARM64';
  throw new Error(`Fargate runs linux/amd64 or linux/arm64 tasks; this Docker Engine is ${engineArchitecture}`);
}
