import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/doctor/check.js';
import { doctorWorld, type World, type WorldOptions } from './world.js';

// staging in the build account 123456789012 (with the repository and the push role), production in 210987654321.
const CONFIG_TEXT = `app: shop
github:
  repository: octo-org/shop
aws:
  account: "123456789012"
  region: ap-northeast-1
ecs:
  container:
    port: 8080
    healthCheckPath: /healthz
environments:
  staging:
  production:
    aws:
      account: "210987654321"
`;

const credentialsStep = (
  role: string,
  region: string,
) => `      - uses: aws-actions/configure-aws-credentials@7474bc4690e29a8392af63c5b98e7449536d5c3a # v4.3.1
        with:
          role-to-assume: \${{ vars.${role} }}
          aws-region: \${{ vars.${region} }}`;
const deployJob = (name: string, needs: string) => `  deploy-${name}:
    needs: ${needs}
    runs-on: ubuntu-latest
    environment: ${name}
    permissions:
      id-token: write
    steps:
${credentialsStep('AWS_ROLE_ARN', 'AWS_REGION')}`;
/** The shape of the environments workflow: a build job on the push role, then one deploy job per environment. */
const WORKFLOW = `name: Deploy shop
on:
  push:
    branches: [main]
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
${credentialsStep('AWS_PUSH_ROLE_ARN', 'AWS_PUSH_REGION')}
${deployJob('staging', 'build')}
${deployJob('production', 'deploy-staging')}
`;

type TrustJson = { Statement: { Condition: { StringEquals: Record<string, unknown> } }[] };
const SUB = 'token.actions.githubusercontent.com:sub';

let world: World | undefined;
afterEach(async () => {
  await world?.restore();
  world = undefined;
});

async function doctor(environment: string, options: WorldOptions = {}) {
  world = await doctorWorld({
    configText: CONFIG_TEXT,
    environment,
    workflows: { '.github/workflows/deploy.yml': WORKFLOW },
    ...options,
  });
  const result = await world.run(['--json', '--environment', environment]);
  const { checks } = JSON.parse(result.stdout) as { checks: CheckResult[] };
  const byId = (id: string) => checks.find((c) => c.id === id);
  return { ...result, checks, byId };
}

describe('hatoba doctor --environment', () => {
  it("production, in its own account: its role, service and stacks; the repository is the build account's", async () => {
    const run = await doctor('production');
    expect(run.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.byId('credentials')?.message).toContain('in account 210987654321');
    expect(run.byId('deploy-role.trust')?.message).toBe(
      'the live trust policy lets in exactly the deploy runs of octo-org/shop',
    );
    // The build job and staging's job assume other roles: not held against production's.
    expect(run.byId('deploy-role.workflows')?.status).toBe('ok');
    expect(run.byId('ecr.repository')?.message).toBe(
      'not checked here: shop is in the build account 123456789012 (doctor checks it for an environment there)',
    );
    expect(run.byId('ecr.platform')).toBeUndefined();
    expect(run.byId('push-role.trust')).toBeUndefined();
    expect(run.byId('stacks.service')?.message).toMatch(/^shop-production-service is UPDATE_COMPLETE/);
    expect(run.byId('ecs.cluster')?.message).toContain('shop-production');
  });

  it('staging, in the build account: also the repository and the push role', async () => {
    const run = await doctor('staging');
    expect(run.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(run.byId('push-role.trust')?.message).toBe(
      'arn:aws:iam::123456789012:role/shop-github-push lets in the build job of octo-org/shop and no deploy job',
    );
    expect(run.byId('ecr.repository')?.message).toContain('123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/shop');
  });

  it('a push role that also trusts a deploy job fails, naming the sub', async () => {
    const run = await doctor('staging', {
      pushTrust: (generated) => {
        const trust = structuredClone(generated) as TrustJson;
        const statement = trust.Statement[0];
        if (statement) {
          statement.Condition.StringEquals[SUB] = [
            'repo:octo-org/shop:ref:refs/heads/main',
            'repo:octo-org/shop:environment:staging',
          ];
        }
        return trust;
      },
    });
    expect(run.code).toBe(1);
    expect(run.byId('push-role.trust')).toMatchObject({
      status: 'fail',
      message: `the push role's trust policy lets in the deploy job's sub "repo:octo-org/shop:environment:staging"`,
    });
  });

  it("production's role trusting another GitHub environment fails, and only production's job is named", async () => {
    const run = await doctor('production', {
      trust: (generated) => {
        const trust = structuredClone(generated) as TrustJson;
        const statement = trust.Statement[0];
        if (statement) statement.Condition.StringEquals[SUB] = 'repo:octo-org/shop:environment:prod';
        return trust;
      },
    });
    expect(run.code).toBe(1);
    expect(run.byId('deploy-role.trust')?.status).toBe('fail');
    const workflows = run.byId('deploy-role.workflows');
    expect(workflows?.status).toBe('fail');
    expect(workflows?.details).toHaveLength(1);
    expect(workflows?.details?.[0]).toContain('job "deploy-production"');
  });
});
