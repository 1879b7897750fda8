import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { TWO_ACCOUNT_ENVIRONMENTS_CONFIG } from '../../support/config.js';

// staging in the build account 111111111111, production in 222222222222.
const ENVIRONMENTS = TWO_ACCOUNT_ENVIRONMENTS_CONFIG;
const STAGING_ROLE = 'arn:aws:iam::111111111111:role/shop-staging-github-deploy';
const PRODUCTION_ROLE = 'arn:aws:iam::222222222222:role/shop-production-github-deploy';
const PUSH_ROLE = 'arn:aws:iam::111111111111:role/shop-github-push';
const STAGING_SUB = 'repo:octo-org/shop:environment:staging';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-explain-env-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const explain = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  runCli(['explain', ...args], { cwd, env });

describe('hatoba explain across environments', () => {
  it("a staging token against production's role: says so plainly and names staging's role", async () => {
    const cwd = project({ 'hatoba.yml': ENVIRONMENTS });
    const { code, stdout, stderr } = await explain(['--sub', STAGING_SUB, '--environment', 'production'], cwd);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('✗ denied');
    expect(stdout).toContain(`role        ${PRODUCTION_ROLE}`);
    expect(stdout).toContain('expected  repo:octo-org/shop:environment:production');
    expect(stdout).toContain(
      'hint: This token is for environment staging; the role trusts environment production. Run the job in ' +
        `\`environment: production\` to assume this role, or use staging's role ${STAGING_ROLE}.`,
    );
  });

  it('without --environment, the role named by --role picks the environment (HATOBA_ENVIRONMENT works too)', async () => {
    const cwd = project({ 'hatoba.yml': ENVIRONMENTS });
    const byRole = await explain(['--sub', STAGING_SUB, '--role', PRODUCTION_ROLE, '--json'], cwd);
    expect(byRole.code).toBe(0);
    const [result] = JSON.parse(byRole.stdout).results;
    expect(result).toMatchObject({ verdict: 'denied', roleArn: PRODUCTION_ROLE });
    expect(result.hints.join('\n')).toContain(
      'This token is for environment staging; the role trusts environment production',
    );
    const byVariable = await explain(['--sub', STAGING_SUB, '--json'], cwd, { HATOBA_ENVIRONMENT: 'staging' });
    expect(JSON.parse(byVariable.stdout).results[0]).toMatchObject({ verdict: 'allowed', roleArn: STAGING_ROLE });
  });

  it("a CloudTrail event's role picks the environment when none is named", async () => {
    // A staging job whose workflow named production's role: the event records both.
    const text = readFileSync(
      fileURLToPath(new URL('../../fixtures/cloudtrail/denied-environment.json', import.meta.url)),
      'utf8',
    )
      .replaceAll('arn:aws:iam::123456789012:role/web-github-deploy', PRODUCTION_ROLE)
      .replaceAll('arn:aws:iam::123456789012:oidc-provider', 'arn:aws:iam::222222222222:oidc-provider')
      .replaceAll('repo:octo-org/web:environment:production', STAGING_SUB);
    const cwd = project({ 'hatoba.yml': ENVIRONMENTS, 'event.json': text });
    const { code, stdout } = await explain(['--event', 'event.json'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain(`role        ${PRODUCTION_ROLE}`);
    expect(stdout).toContain('hint: This token is for environment staging; the role trusts environment production.');
    expect(stdout).not.toContain('but the trust policy generated');
  });

  it("a deploy job's token against the push role: the push role is the build job's", async () => {
    const cwd = project({ 'hatoba.yml': ENVIRONMENTS });
    const { code, stdout } = await explain(['--sub', STAGING_SUB, '--role', PUSH_ROLE], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("failing condition in the push role's trust policy generated from hatoba.yml:");
    expect(stdout).toContain('expected  repo:octo-org/shop:ref:refs/heads/main');
    expect(stdout).toContain(
      'instead of ref:refs/heads/main (an environment replaces the ref). With environments, a role that trusts ' +
        'refs/heads/main is the push role of the build job (no ' +
        `\`environment:\`); a job in environment staging assumes ${STAGING_ROLE}.`,
    );
    const build = await explain(['--sub', 'repo:octo-org/shop:ref:refs/heads/main', '--role', PUSH_ROLE], cwd);
    expect(build.stdout).toContain('✓ allowed');
  });

  it('works without hatoba.yml, from the subject and a trust policy file', async () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:octo-org/shop:environment:production',
            },
          },
        },
      ],
    };
    const cwd = project({ 'trust.json': JSON.stringify(trust) });
    const { code, stdout } = await explain(['--sub', STAGING_SUB, '--trust-policy', 'trust.json'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'hint: This token is for environment staging; the role trusts environment production. Run the job in ' +
        '`environment: production` to assume this role, or use the role that trusts staging.',
    );
  });

  it('several environments and nothing to choose by: exit 2 listing them', async () => {
    const cwd = project({ 'hatoba.yml': ENVIRONMENTS });
    const { code, stderr } = await explain(['--sub', STAGING_SUB], cwd);
    expect(code).toBe(2);
    expect(stderr).toContain('hatoba.yml has 2 environments (staging, production); say which one');
  });
});
