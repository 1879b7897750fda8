import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const root = new URL('../..', import.meta.url).pathname;
const FIXTURES = 'test/fixtures/workflows';
const EXAMPLE = 'examples/hello-service';

describe('hatoba lint', () => {
  it('passes the example with its generated workflow and its hatoba.yml (exit 0)', async () => {
    const result = await runCli(['lint', '--dir', EXAMPLE], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      '✓ 1 workflow checked against the trust policy generated from hatoba.yml: no findings\n',
    );
    expect(result.code).toBe(0);
  });

  it('exits 1 on error findings and prints each with its fix', async () => {
    const dir = `${FIXTURES}/id-token-permission/fail-job-permissions`;
    const result = await runCli(['lint', '--dir', dir, '--config', `${EXAMPLE}/hatoba.yml`], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${dir}/deploy.yml:8: error id-token-permission: job "deploy" assumes a role with OIDC (line 11), but job "deploy" sets permissions without id-token: write`,
    );
    expect(result.stdout).toContain('  fix: Add `permissions: { contents: read, id-token: write }` to this job');
    expect(result.stdout).toMatch(
      /✗ 1 workflow checked against the trust policy generated from hatoba\.yml: \d+ errors?, \d+ warnings?/,
    );
  });

  it('--json prints exactly one document and --trust-policy replaces the generated policy', async () => {
    const dir = `${FIXTURES}/trust-subject-mismatch/fail-trust-file`;
    const result = await runCli(
      ['lint', '--dir', dir, '--config', `${EXAMPLE}/hatoba.yml`, '--trust-policy', `${dir}/trust.json`, '--json'],
      { cwd: root },
    );
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.stdout) as { findings: Record<string, unknown>[] };
    expect(findings.map((f) => [f.rule, f.file, f.line, f.severity])).toContainEqual([
      'trust-subject-mismatch',
      `${dir}/callee.yml`,
      4,
      'error',
    ]);
    expect(Object.keys(findings[0] ?? {}).sort()).toEqual([
      'file',
      'fix',
      'line',
      'localized',
      'message',
      'rule',
      'severity',
    ]);
    const messages = findings.filter((f) => f.rule === 'trust-subject-mismatch').map((f) => String(f.message));
    expect(messages.some((m) => m.includes('push of tag "release-1"'))).toBe(true);
    expect(
      messages.some((m) =>
        m.includes(`"repo:example-org/hello-service:ref:refs/tags/release-1", which ${dir}/trust.json`),
      ),
    ).toBe(true);
  });

  it('prints GitHub annotations inside GitHub Actions (on stderr with --json)', async () => {
    const dir = `${FIXTURES}/role-arn-hardcoded/fail`;
    const env = { GITHUB_ACTIONS: 'true' };
    const human = await runCli(['lint', '--dir', dir, '--no-actionlint'], { cwd: root, env });
    expect(human.stdout).toMatch(
      new RegExp(`^::warning file=${dir}/deploy\\.yml,line=13,title=role-arn-hardcoded::job "deploy" hard-codes`, 'm'),
    );
    const json = await runCli(['lint', '--dir', dir, '--no-actionlint', '--json'], { cwd: root, env });
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toContain('::warning file=');
  });

  it('exits 2 naming --dir when there are no workflows', async () => {
    const result = await runCli(['lint', '--dir', 'src/config'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No workflow files in src/config');
  });
});
