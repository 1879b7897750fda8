import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import { type LocalIssuer, startIssuer } from '../../src/rehearse/issuer.js';
import { rehearsalTarget } from '../../src/rehearse/target.js';
import { rehearsedJob, type TriggerOptions } from '../../src/rehearse/trigger.js';
import { checkTrust } from '../../src/rehearse/trust-check.js';
import { MINIMAL_CONFIG, TWO_ACCOUNT_ENVIRONMENTS_CONFIG } from '../support/config.js';

// staging in the build account 111111111111, production in 222222222222; the build job runs on main.
const ENVIRONMENTS = TWO_ACCOUNT_ENVIRONMENTS_CONFIG;
const load = (text: string, env: Record<string, string> = {}) =>
  parseConfigText(text, { path: '/repo/hatoba.yml', cwd: '/repo', env, environment: { any: true } });
const all = load(ENVIRONMENTS);
const cwd = '/repo';

let issuer: LocalIssuer;
beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(() => issuer.close());

/** What the rehearsal's token and trust steps decide, without Docker. */
async function rehearseTrust(
  environment: TriggerOptions['environment'],
  trigger: Omit<TriggerOptions, 'environment'> = {},
) {
  const target = rehearsalTarget(all, environment, { named: false, cwd });
  const job = rehearsedJob(target.loaded.config, { ...trigger, environment: target.environment });
  const result = await checkTrust(
    await issuer.issue(job.claims),
    job.description,
    target.loaded.config,
    target.trust(),
  );
  return { job, result, target };
}

describe('rehearse with environments: --environment chooses the hatoba environment', () => {
  it("--environment production --ref refs/heads/main: production's token, checked against production's role", async () => {
    const { job, result } = await rehearseTrust('production', { ref: 'refs/heads/main' });
    expect(job.description).toBe('push on refs/heads/main in environment production');
    expect(job.claims).toMatchObject({
      sub: 'repo:octo-org/shop:environment:production',
      ref: 'refs/heads/main',
      environment: 'production',
    });
    expect(result.verdict).toBe('allowed');
    expect(result.roleArn).toBe('arn:aws:iam::222222222222:role/shop-production-github-deploy');
    expect(result.claims.provider).toBe('arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com');
  });

  it("a GitHub environment of its own: environments.NAME.github.environment is the job's", async () => {
    const renamed = load(
      ENVIRONMENTS.replace(
        "      account: '222222222222'\n",
        "      account: '222222222222'\n    github:\n      environment: prod\n",
      ),
    );
    const target = rehearsalTarget(renamed, 'production', { named: false, cwd });
    const job = rehearsedJob(target.loaded.config, { environment: target.environment });
    expect(job.claims.sub).toBe('repo:octo-org/shop:environment:prod');
    const result = await checkTrust(
      await issuer.issue(job.claims),
      job.description,
      target.loaded.config,
      target.trust(),
    );
    expect(result.verdict).toBe('allowed');
  });

  it("--no-environment: the build job's token against the push role, which trusts main and never an environment", async () => {
    const { job, result, target } = await rehearseTrust(false);
    expect(job.description).toBe('push on refs/heads/main without an environment');
    expect(job.claims.sub).toBe('repo:octo-org/shop:ref:refs/heads/main');
    expect(result.verdict).toBe('allowed');
    expect(result.roleArn).toBe('arn:aws:iam::111111111111:role/shop-github-push');
    expect(target.trust().trust.source).toBe("the push role's trust policy generated from hatoba.yml");
    // A deploy job's token does not get the push role.
    const deploy = rehearsedJob(target.loaded.config, { environment: 'staging' });
    const denied = await checkTrust(
      await issuer.issue(deploy.claims),
      deploy.description,
      target.loaded.config,
      target.trust(),
    );
    expect(denied.verdict).toBe('denied');
    expect(denied.hints.join('\n')).toContain(
      'a job in environment staging assumes arn:aws:iam::111111111111:role/shop-staging-github-deploy',
    );
  });

  it('no environment named: the only one, HATOBA_ENVIRONMENT, or exit 2 listing them', () => {
    const refuse = () => rehearsalTarget(all, undefined, { named: false, cwd });
    expect(refuse).toThrow(UserError);
    expect(refuse).toThrow('hatoba.yml has 2 environments (staging, production); say which one');
    const viaVariable = load(ENVIRONMENTS, { HATOBA_ENVIRONMENT: 'production' });
    expect(rehearsalTarget(viaVariable, undefined, { named: true, cwd }).loaded.config.environment?.name).toBe(
      'production',
    );
    const one = load(ENVIRONMENTS.replace(/ {2}production:\n[\s\S]*$/, ''));
    expect(rehearsalTarget(one, undefined, { named: false, cwd }).loaded.config.environment?.name).toBe('staging');
    expect(() => rehearsalTarget(all, 'prod', { named: false, cwd })).toThrow(
      'has no environment "prod" (it has staging, production)',
    );
  });

  it('a single-environment file: --environment keeps meaning the job’s `environment:`', () => {
    const single = load(MINIMAL_CONFIG);
    for (const environment of ['staging', false, undefined] as const) {
      const target = rehearsalTarget(single, environment, { named: false, cwd });
      expect(target.environment).toBe(environment);
      expect(target.loaded).toBe(single);
    }
  });
});
