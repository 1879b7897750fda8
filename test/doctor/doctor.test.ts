import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/doctor/check.js';
import { doctorWorld, type World, type WorldOptions } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.restore();
  world = undefined;
});

async function doctor(options: WorldOptions = {}) {
  world = await doctorWorld(options);
  const result = await world.run(['--json']);
  const { checks } = JSON.parse(result.stdout) as { checks: CheckResult[] };
  const byId = (id: string) => {
    const found = checks.find((c) => c.id === id);
    if (found === undefined) throw new Error(`no check ${id} in ${checks.map((c) => c.id).join(', ')}`);
    return found;
  };
  return { ...result, checks, byId };
}

const AUD = 'token.actions.githubusercontent.com:aud';
const SUB = 'token.actions.githubusercontent.com:sub';
type TrustJson = { Statement: { Condition: Record<string, Record<string, unknown>> }[] };

describe('hatoba doctor', () => {
  it('all good: every check ok, exit 0', async () => {
    const run = await doctor();
    expect(run.stderr).toBe('');
    expect(run.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(run.checks.map((c) => c.id)).toEqual([
      'credentials',
      'oidc-provider',
      'deploy-role.trust',
      'deploy-role.workflows',
      'deploy-role.permissions',
      'deploy-role.extra-permissions',
      'ecr.repository',
      'ecr.cache-tag',
      'ecr.scan-on-push',
      'ecr.lifecycle',
      'ecr.platform',
      'ecs.cluster',
      'ecs.circuit-breaker',
      'ecs.tasks',
      'ecs.rollout',
      'alb.health-check',
      'alb.targets',
      'logs.group',
      'stacks.pipeline',
      'stacks.service',
    ]);
    expect(run.code).toBe(0);
  });

  it('a console-made role whose trust has the audience typo sts.amazon.com fails, naming it', async () => {
    const run = await doctor({
      providerAudiences: ['sts.amazon.com'],
      trust: (generated) => {
        const doc = structuredClone(generated) as TrustJson;
        for (const s of doc.Statement) (s.Condition.StringEquals as Record<string, unknown>)[AUD] = 'sts.amazon.com';
        return doc;
      },
    });
    expect(run.code).toBe(1);
    expect(run.byId('oidc-provider')).toMatchObject({ status: 'fail' });
    expect(run.byId('oidc-provider').message).toContain('"sts.amazon.com" is a typo of sts.amazonaws.com');
    expect(run.byId('deploy-role.trust')).toMatchObject({ status: 'fail' });
    expect(run.byId('deploy-role.trust').message).toContain('requires aud "sts.amazon.com"');
    // The subjects themselves are fine: only the audience is reported.
    expect(run.byId('deploy-role.trust').message).not.toContain('does not trust sub');
    expect(run.byId('deploy-role.workflows')).toMatchObject({ status: 'fail' });
  });

  it('a console-made role named by github.roleArn is checked the same, with fixes that do not say hatoba up', async () => {
    const run = await doctor({
      roleArn: 'arn:aws:iam::123456789012:role/ci/Githubactions-to-ECR-role',
      trust: (generated) => {
        const doc = structuredClone(generated) as TrustJson;
        for (const s of doc.Statement) (s.Condition.StringEquals as Record<string, unknown>)[AUD] = 'sts.amazon.com';
        return doc;
      },
      permissions: (generated) => ({ ...generated, Statement: generated.Statement.slice(1) }),
    });
    expect(run.code).toBe(1);
    const trust = run.byId('deploy-role.trust');
    expect(trust).toMatchObject({ status: 'fail' });
    expect(trust.message).toContain('requires aud "sts.amazon.com"');
    const permissions = run.byId('deploy-role.permissions');
    expect(permissions).toMatchObject({ status: 'fail' });
    for (const check of [trust, permissions]) {
      expect(check.fix).not.toContain('hatoba up');
      expect(check.fix).toContain('`hatoba policy` prints it and the commands');
    }
  });

  it('a role trusting environment:production while the workflow deploys from a branch fails', async () => {
    const run = await doctor({
      trust: (generated) => {
        const doc = structuredClone(generated) as TrustJson;
        for (const s of doc.Statement) {
          (s.Condition.StringEquals as Record<string, unknown>)[SUB] =
            'repo:octo-org/hello-service:environment:production';
        }
        return doc;
      },
    });
    expect(run.code).toBe(1);
    expect(run.byId('deploy-role.trust')).toMatchObject({ status: 'fail' });
    expect(run.byId('deploy-role.trust').message).toContain(
      'does not trust sub "repo:octo-org/hello-service:ref:refs/heads/main"',
    );
    const workflows = run.byId('deploy-role.workflows');
    expect(workflows.status).toBe('fail');
    expect(workflows.details?.[0]).toMatch(/^\.github\/workflows\/deploy\.yml:\d+: /);
  });

  it('an immutable repository without an exclusion for the cache tag fails', async () => {
    const run = await doctor({
      repository: { ImageTagMutability: 'IMMUTABLE', ImageScanningConfiguration: { ScanOnPush: true } },
    });
    expect(run.code).toBe(1);
    expect(run.byId('ecr.cache-tag')).toMatchObject({ status: 'fail' });
    expect(run.byId('ecr.cache-tag').fix).toContain('IMMUTABLE_WITH_EXCLUSION');
    // The lint rule's own words, from the live setting, not hatoba.yml's.
    expect(run.byId('ecr.cache-tag').message).toMatch(
      /^job "build" exports its build cache to .*:buildcache, but the live repository hello-service is IMMUTABLE: /,
    );
    expect(run.byId('ecr.lifecycle').status).toBe('warn');
  });

  it('a mutable repository that keeps the cache tag immutable fails too', async () => {
    const run = await doctor({
      repository: {
        ImageTagMutability: 'MUTABLE_WITH_EXCLUSION',
        ImageTagMutabilityExclusionFilters: [
          { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'build*' },
        ],
        ImageScanningConfiguration: { ScanOnPush: false },
      },
    });
    expect(run.byId('ecr.cache-tag').status).toBe('fail');
    expect(run.byId('ecr.scan-on-push').status).toBe('warn');
  });

  it('an arm64 image for an X86_64 service fails', async () => {
    const run = await doctor({ imagePlatforms: ['linux/arm64'] });
    expect(run.code).toBe(1);
    expect(run.byId('ecr.platform')).toMatchObject({ status: 'fail' });
    expect(run.byId('ecr.platform').message).toContain(
      'built for linux/arm64, but ecs.architecture X86_64 runs linux/amd64',
    );
  });

  it('a role missing ecs:TagResource fails the permission check and names the action', async () => {
    const run = await doctor({
      permissions: (generated) => ({
        ...generated,
        Statement: generated.Statement.filter((s) => s.Action !== 'ecs:TagResource'),
      }),
    });
    expect(run.code).toBe(1);
    const permissions = run.byId('deploy-role.permissions');
    expect(permissions.status).toBe('fail');
    expect(permissions.message).toMatch(/: ecs:TagResource$/);
    expect(permissions.details).toEqual([expect.stringMatching(/^ecs:TagResource on arn:aws:ecs:.*\(implicitDeny\)$/)]);
  });

  it('extra actions in the role are a warning', async () => {
    const run = await doctor({
      permissions: (generated) => ({
        ...generated,
        Statement: [...generated.Statement, { Effect: 'Allow', Action: ['ecs:*', 's3:GetObject'], Resource: '*' }],
      }),
    });
    expect(run.byId('deploy-role.extra-permissions')).toMatchObject({ status: 'warn' });
    expect(run.byId('deploy-role.extra-permissions').message).toContain('ecs:*, s3:GetObject');
    expect(run.code).toBe(0);
  });

  it('credentials of another account fail and nothing else is read', async () => {
    const run = await doctor({ callerAccount: '210987654321' });
    expect(run.code).toBe(1);
    expect(run.checks).toEqual([
      expect.objectContaining({ id: 'credentials', status: 'fail', message: expect.stringContaining('210987654321') }),
    ]);
    expect(world?.calls()).toEqual(['sts:GetCallerIdentity']);
  });

  it("doctor's own read denied is a warning naming the action, and the other checks still run", async () => {
    const run = await doctor({ denied: ['iam:GetRole', 'ecr:GetLifecyclePolicy'] });
    expect(run.byId('deploy-role.trust')).toMatchObject({
      status: 'warn',
      message: 'could not check: needs iam:GetRole',
    });
    expect(run.byId('ecr')).toMatchObject({ status: 'warn', message: 'could not check: needs ecr:GetLifecyclePolicy' });
    expect(run.byId('ecs.cluster').status).toBe('ok');
    expect(run.code).toBe(0);
  });

  it('prints one line per check for people, and annotations in GitHub Actions', async () => {
    world = await doctorWorld({ imagePlatforms: ['linux/arm64'] });
    const human = await world.run();
    expect(human.stdout).toMatch(/^FAIL ecr\.platform: /m);
    expect(human.stdout).toMatch(/^ok {3}credentials: /m);
    expect(human.stdout).toContain('19 ok, 0 warnings, 1 failed');
    const actions = await world.run(['--json'], { GITHUB_ACTIONS: 'true' });
    expect(() => JSON.parse(actions.stdout)).not.toThrow();
    expect(actions.stderr).toMatch(/^::error title=doctor ecr\.platform::/m);
  });
});
