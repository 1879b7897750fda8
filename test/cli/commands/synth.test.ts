import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../support/cli.js';

describe('hatoba synth', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hatoba-synth-cli-'));
    await writeFile(
      join(dir, 'hatoba.yml'),
      await readFile(new URL('../../fixtures/hatoba.yml', import.meta.url), 'utf8'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writes the templates and policies and summarizes them, with no AWS credentials', async () => {
    const result = await runCli(['synth'], { cwd: dir, env: {} });
    expect(result.code).toBe(0);
    expect((await readdir(join(dir, 'hatoba.out'))).sort()).toEqual([
      'deploy-role-permissions-policy.json',
      'deploy-role-trust-policy.json',
      'hello-service-pipeline.template.json',
      'hello-service-service.template.json',
    ]);
    expect(result.stdout).toContain('✓ Synthesized hello-service (offline, no credentials) into hatoba.out/');
    expect(result.stdout).toMatch(/hello-service-service\.template\.json {2}27 resources, [\d,]+ of 51,200 bytes/);
    expect(result.stdout).toContain('trusts sub: repo:octo-org/hello-service:ref:refs/heads/main');
    expect(result.stderr).toBe('');
  });

  test('--json prints one document', async () => {
    const result = await runCli(['synth', '--out', 'out2', '--existing-oidc-provider', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.out).toBe(join(dir, 'out2'));
    expect(report.stacks[0]).toMatchObject({ stackName: 'hello-service-pipeline', resources: { 'AWS::IAM::Role': 1 } });
    expect(report.stacks[0].resources).not.toHaveProperty(['AWS::IAM::OIDCProvider']);
    expect(report.templateBodyLimit).toBe(51_200);
  });

  test('warns about a credential in plain environment without printing it', async () => {
    const fixture = await readFile(new URL('../../fixtures/hatoba.yml', import.meta.url), 'utf8');
    await writeFile(
      join(dir, 'leaky.yml'),
      `${fixture.replace(/^ecs:\n(?:\s+.*\n)*/m, '')}ecs:\n  container:\n    environment:\n      API_TOKEN: s3cr3t-value-123\n`,
    );
    const result = await runCli(['synth', '--config', 'leaky.yml', '--out', 'out3'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'warning: ecs.container.environment.API_TOKEN looks like a credential (its name ends in TOKEN)',
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain('s3cr3t-value-123');
  });

  test('a missing config is a usage error', async () => {
    const result = await runCli(['synth', '--config', 'nope.yml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --config: nope.yml does not exist');
  });
});
