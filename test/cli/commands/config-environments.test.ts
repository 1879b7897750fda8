import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { MINIMAL_CONFIG } from '../../support/config.js';

function project(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-config-env-'));
  writeFileSync(join(dir, 'hatoba.yml'), text);
  return dir;
}

// Build account 123456789012 (eu-west-1) hosts staging; production is in 210987654321.
const TWO = `${MINIMAL_CONFIG}ecs:
  container:
    environment:
      LOG_LEVEL: info
environments:
  staging:
  production:
    aws:
      account: '210987654321'
    github:
      environment: prod
    ecs:
      cpu: 1024
      memory: 2048
      container:
        environment:
          LOG_LEVEL: warn
`;

describe('hatoba config validate with environments', () => {
  it('lists every environment: account, Region, GitHub environment, cluster/service and what it overrides', async () => {
    const { code, stdout, stderr } = await runCli(['config', 'validate'], { cwd: project(TWO) });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.slice(1, 7)).toEqual([
      '  2 environments, in promotion order; the image is built in 123456789012 eu-west-1:',
      '    staging     123456789012 eu-west-1  GitHub environment staging  cluster hello-service-staging, service hello-service',
      '                inherits every key',
      '    production  210987654321 eu-west-1  GitHub environment prod     cluster hello-service-production, service hello-service',
      '                overrides aws.account, github.environment, ecs.cpu, ecs.memory, ecs.container.environment.LOG_LEVEL',
      "  the configuration below is staging's (--environment NAME for another)",
    ]);
    expect(stdout).toContain('cpu: 256');
  });

  it('--environment prints that environment’s configuration; --json carries every environment', async () => {
    const cwd = project(TWO);
    const text = await runCli(['config', 'validate', '--environment', 'production'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("the configuration below is production's");
    expect(text.stdout).toMatch(/cpu: 1024\n {2}memory: 2048/);
    expect(text.stdout).toContain('LOG_LEVEL: warn');
    const json = await runCli(['config', 'validate', '--json', '-e', 'production'], { cwd });
    const document = JSON.parse(json.stdout);
    expect(document).toMatchObject({
      valid: true,
      environment: 'production',
      build: { account: '123456789012', region: 'eu-west-1' },
      config: { aws: { account: '210987654321' }, ecs: { cpu: 1024, cluster: 'hello-service-production' } },
    });
    expect(document.environments).toEqual([
      {
        name: 'staging',
        account: '123456789012',
        region: 'eu-west-1',
        githubEnvironment: 'staging',
        cluster: 'hello-service-staging',
        service: 'hello-service',
        overrides: [],
      },
      {
        name: 'production',
        account: '210987654321',
        region: 'eu-west-1',
        githubEnvironment: 'prod',
        cluster: 'hello-service-production',
        service: 'hello-service',
        overrides: [
          'aws.account',
          'github.environment',
          'ecs.cpu',
          'ecs.memory',
          'ecs.container.environment.LOG_LEVEL',
        ],
      },
    ]);
  });

  it('a file with one environment needs no --environment and says so in the singular', async () => {
    const one = TWO.slice(0, TWO.indexOf('  production:\n'));
    const { code, stdout } = await runCli(['config', 'validate'], { cwd: project(one) });
    expect(code).toBe(0);
    expect(stdout).toContain('  1 environment, in promotion order; the image is built in 123456789012 eu-west-1:');
  });

  it('a single-environment file prints as before, with one hint on stderr about environments', async () => {
    const { code, stdout, stderr } = await runCli(['config', 'validate'], { cwd: project(MINIMAL_CONFIG) });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ \S+hatoba\.yml is valid\n\napp: hello-service\n/);
    expect(stderr).toBe(
      'hint: one environment; to promote the same image through several (staging, production), add `environments` (see docs/environments.md)\n',
    );
    const json = JSON.parse((await runCli(['config', 'validate', '--json'], { cwd: project(MINIMAL_CONFIG) })).stdout);
    expect(json.environments).toEqual([]);
    expect(json.environment).toBeUndefined();
  });

  it.each([
    [
      'a cpu/memory pair an override breaks',
      TWO.replace('      memory: 2048\n', '      memory: 512\n'),
      'line 20: environments.production.ecs.memory: 512 MiB is below the minimum for cpu 1024',
    ],
    [
      "an override of cpu the top level's memory does not fit (reported at the environment)",
      TWO.replace('      memory: 2048\n', '').replace('ecs:\n  container:\n', 'ecs:\n  memory: 512\n  container:\n'),
      'line 20: environments.production.ecs.memory: 512 MiB is below the minimum for cpu 1024',
    ],
    [
      'two environments on one GitHub environment',
      TWO.replace('environment: prod', 'environment: staging'),
      'line 17: environments.production.github.environment: GitHub environment "staging" is also environment staging\'s',
    ],
    [
      'a build account that hosts no environment',
      TWO.replace('  staging:\n', "  staging:\n    aws:\n      account: '111111111111'\n"),
      'line 5: aws.account: 123456789012 (the build account, which holds the image repository) hosts none of the environments',
    ],
  ])('reports %s at its key and line (exit 1)', async (_name, text, problem) => {
    const { code, stdout, stderr } = await runCli(['config', 'validate'], { cwd: project(text) });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(problem);
  });
});
