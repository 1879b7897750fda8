import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RehearsalReport } from '../../src/rehearse/report.js';
import { runCli } from '../support/cli.js';
import { MINIMAL_CONFIG } from '../support/config.js';
import { describeDocker, docker } from '../support/docker.js';
import { scaled } from '../support/wait.js';

// What `hatoba rehearse` says, on the real engine, when something it needs is missing. No registry but loopback is
// contacted: the missing images live on 127.0.0.1 ports where nothing listens.
describeDocker('hatoba rehearse prerequisites', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-prereq-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, NO_COLOR: '1' };

  it(
    'refuses a registry image it cannot get, before building, with exit 2',
    async () => {
      writeFileSync(join(dir, 'hatoba.yml'), MINIMAL_CONFIG);
      writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:trixie-slim\n');
      const { code, stdout, stderr } = await runCli(
        ['rehearse', '--registry-image', '127.0.0.1:9/missing/registry:2'],
        {
          cwd: dir,
          env,
        },
      );
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /^error: the registry image 127\.0\.0\.1:9\/missing\/registry:2 is not on this Docker Engine/,
      );
      expect(stderr).toContain('--registry-image');
      expect(code).toBe(2);
    },
    scaled(60_000),
  );

  it(
    'names the base image a build cannot pull and what to do',
    async () => {
      writeFileSync(join(dir, 'hatoba.yml'), MINIMAL_CONFIG);
      writeFileSync(join(dir, 'Dockerfile'), 'FROM 127.0.0.1:9/hatoba-missing/base:1 AS build\nRUN true\n');
      const { code, stdout } = await runCli(['rehearse', '--json'], { cwd: dir, env });
      const report = JSON.parse(stdout) as RehearsalReport;
      expect(code).toBe(1);
      expect(report.config).toBe('hatoba.yml');
      expect(report.steps.find((step) => step.name === 'build')?.summary).toBe(
        'cannot pull the base image 127.0.0.1:9/hatoba-missing/base:1',
      );
      expect(report.diagnosis?.message).toBe(
        'The base image 127.0.0.1:9/hatoba-missing/base:1 (FROM in the Dockerfile) could not be pulled: it could not ' +
          'be reached: no network route to its registry.',
      );
      expect(report.diagnosis?.hints.join('\n')).toContain('docker load');
      const left = await docker(['ps', '--all', '--quiet', '--filter', `label=io.hatoba.rehearse=${report.runId}`]);
      expect(left.stdout.trim()).toBe('');
    },
    scaled(120_000),
  );
});
