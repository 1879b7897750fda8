import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import { resourceNames } from '../../src/naming.js';
import {
  architectureOf,
  LIVE_PREFIX,
  type LiveConfigInput,
  liveAppName,
  liveConfigText,
  writeLiveConfig,
} from '../live/config.js';
import { HELLO_SERVICE_DIR } from '../support/example.js';

const input: LiveConfigInput = {
  app: liveAppName('0a1b2c3d'),
  account: '210987654321',
  region: 'us-east-1',
  architecture: 'ARM64',
  buildContext: HELLO_SERVICE_DIR,
};

describe('live config writer', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('names apps hatoba-live-<8 hex>, a different one each run', () => {
    const names = new Set(Array.from({ length: 20 }, () => liveAppName()));
    expect(names.size).toBe(20);
    for (const name of names) expect(name).toMatch(/^hatoba-live-[0-9a-f]{8}$/);
  });

  it('writes a hatoba.yml the real loader accepts, with the run’s account, Region and architecture', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hatoba-live-config-'));
    const path = await writeLiveConfig(dir, input);
    expect(path).toBe(join(dir, 'hatoba.yml'));
    const loaded = await loadConfig({ cwd: dir, env: {} });
    expect(loaded.config).toMatchObject({
      app: 'hatoba-live-0a1b2c3d',
      aws: { account: '210987654321', region: 'us-east-1', partition: 'aws' },
      github: { repository: 'hatoba-live/hatoba-live-0a1b2c3d', audience: 'sts.amazonaws.com' },
      ecs: {
        cpu: 256,
        memory: 512,
        architecture: 'ARM64',
        desiredCount: 1,
        logRetentionDays: 1,
        cluster: 'hatoba-live-0a1b2c3d',
        service: 'hatoba-live-0a1b2c3d',
        container: { port: 8080, healthCheckPath: '/healthz' },
      },
      ecr: { repository: 'hatoba-live-0a1b2c3d', keepImages: 5 },
      build: { context: HELLO_SERVICE_DIR, dockerfile: 'Dockerfile' },
    });
  });

  it('runs the example service as its own hatoba.yml does (port, health check path)', () => {
    const live = parseConfigText(liveConfigText(input), { cwd: '/', env: {}, path: '/live/hatoba.yml' }).config;
    const examplePath = join(HELLO_SERVICE_DIR, 'hatoba.yml');
    const example = parseConfigText(readFileSync(examplePath, 'utf8'), { cwd: '/', env: {}, path: examplePath }).config;
    expect(live.ecs.container).toEqual(example.ecs.container);
  });

  it('gives every resource a name that starts with the live prefix, so leftovers can be found by it', () => {
    const config = parseConfigText(liveConfigText(input), { cwd: '/', env: {}, path: '/live/hatoba.yml' }).config;
    const names = resourceNames(config);
    for (const key of [
      'pipelineStack',
      'serviceStack',
      'deployRoleName',
      'executionRoleName',
      'taskRoleName',
      'taskFamily',
      'bootstrapTaskFamily',
      'repository',
      'cluster',
      'service',
    ] as const) {
      expect(names[key], key).toMatch(new RegExp(`^${LIVE_PREFIX}`));
    }
    expect(names.logGroupName).toBe(`/hatoba/${config.app}`);
  });

  it.each([
    ['x86_64', 'X86_64'],
    ['amd64', 'X86_64'],
    ['aarch64', 'ARM64'],
    ['arm64', 'ARM64'],
  ] as const)('runs tasks on the engine’s architecture: %s → %s', (engine, expected) => {
    expect(architectureOf(engine)).toBe(expected);
  });

  it('refuses an engine Fargate cannot match', () => {
    expect(() => architectureOf('s390x')).toThrow(/linux\/amd64 or linux\/arm64 .* s390x/);
  });
});
