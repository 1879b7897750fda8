import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfigText } from '../../../src/config/load.js';
import type { HatobaConfig } from '../../../src/config/resolve.js';
import { lintWorkflows } from '../../../src/github/lint/lint.js';
import { registryTarget } from '../../../src/github/lint/registry-cache.js';
import { trustTarget } from '../../../src/github/lint/trust-source.js';
import { generateWorkflows } from '../../../src/github/workflow/generate.js';
import { PINNED_ACTIONS } from '../../../src/github/workflow/pinned-actions.js';
import { version } from '../../../src/version.js';
import { testConfig } from '../../support/config.js';

const VERSION = '1.2.3';

type Job = Record<string, unknown> & { steps?: Record<string, unknown>[] };
function jobs(content: string): Record<string, Job> {
  return (parse(content) as { jobs: Record<string, Job> }).jobs;
}

const MATRIX: { name: string; config: HatobaConfig; split?: boolean }[] = [
  { name: 'one branch', config: testConfig() },
  {
    name: 'branches with a pattern',
    config: testConfig({ branches: ['main', 'release/*'], trustBranchPatterns: true }),
  },
  { name: 'branches and tags', config: testConfig({ branches: ['main'], tags: ['v*', 'hotfix-1'] }) },
  { name: 'tags only', config: testConfig({ branches: [], tags: ['v*'] }) },
  { name: 'environment', config: testConfig({ environment: 'production' }) },
  { name: 'environment only', config: testConfig({ branches: [], environment: 'production' }) },
  { name: 'ARM64', config: testConfig({}, { ecs: { architecture: 'ARM64' } }) },
  { name: 'custom audience', config: testConfig({ audience: 'sts.example.internal' }) },
  { name: 'immutable subjects', config: testConfig({ subject: { format: 'immutable', ownerId: 1, repositoryId: 2 } }) },
  { name: 'split', config: testConfig(), split: true },
  {
    name: 'split, environment, tags, ARM64',
    config: testConfig({ tags: ['v*'], environment: 'prod' }, { ecs: { architecture: 'ARM64' } }),
    split: true,
  },
  { name: 'split, branches and tags without environment', config: testConfig({ tags: ['v*'] }), split: true },
  // Valid git ref names that need escaping inside a `${{ }}` string literal.
  {
    name: 'branch and tag with an apostrophe',
    config: testConfig({ branches: ["it's-live", "o'hara/*"], tags: ["v'1"], trustBranchPatterns: true }),
  },
];

describe('generateWorkflows', () => {
  describe.each(MATRIX)('$name', ({ config, split }) => {
    const workflows = generateWorkflows(config, { hatobaVersion: VERSION, split: split ?? false });

    it('has zero findings from actionlint and every hatoba rule, checked against its own trust policy', async () => {
      const { target } = await trustTarget({ config, cwd: '/' });
      expect(target).toBeDefined();
      const sources = workflows.map((w) => ({ file: w.path, repoPath: w.path, text: w.content }));
      const registry = registryTarget(config);
      const findings = await lintWorkflows(sources, { defaultBranch: 'main', trust: target, registry });
      expect(findings).toEqual([]);
    });

    it('grants no token permission at the top and id-token: write only to jobs that assume the role', () => {
      for (const workflow of workflows) {
        const document = parse(workflow.content) as { permissions: unknown };
        expect(document.permissions).toEqual({});
        for (const job of Object.values(jobs(workflow.content))) {
          expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
          if (job.uses === undefined) expect(job['timeout-minutes']).toBeGreaterThan(0);
        }
      }
    });

    it('pins every action to a commit of the table, with its version as a comment', () => {
      const uses = workflows.flatMap((w) => [...w.content.matchAll(/uses: ([^@\s]+)@(\S+)(.*)/g)]);
      expect(uses.length).toBeGreaterThan(0);
      for (const [, repository, ref, comment] of uses) {
        if (repository?.startsWith('./')) continue;
        const pinned = Object.values(PINNED_ACTIONS).find((a) => a.repository === repository);
        expect(pinned, repository).toBeDefined();
        expect(ref).toBe(pinned?.sha);
        expect(comment?.trim()).toBe(`# ${pinned?.version}`);
      }
    });
  });

  it('builds natively on Arm runners for ARM64 and on x86 runners otherwise', () => {
    const [arm] = generateWorkflows(testConfig({}, { ecs: { architecture: 'ARM64' } }), { hatobaVersion: VERSION });
    const [x86] = generateWorkflows(testConfig(), { hatobaVersion: VERSION });
    const build = (content = '') => jobs(content).build as Job;
    expect(build(arm?.content)['runs-on']).toBe('ubuntu-24.04-arm');
    expect(build(arm?.content).steps?.at(-1)?.with).toMatchObject({ platforms: 'linux/arm64' });
    expect(build(x86?.content)['runs-on']).toBe('ubuntu-24.04');
    expect(build(x86?.content).steps?.at(-1)?.with).toMatchObject({ platforms: 'linux/amd64' });
    expect(arm?.content).not.toMatch(/qemu/i);
  });

  it('pushes by commit, caches in ECR as an image manifest and deploys the pushed digest with the pinned CLI', () => {
    const [workflow] = generateWorkflows(testConfig(), { hatobaVersion: VERSION });
    const { build, deploy } = jobs(workflow?.content ?? '') as { build: Job; deploy: Job };
    const registry = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web';
    expect(build.steps?.at(-1)?.with).toMatchObject({
      tags: `${registry}:\${{ github.sha }}`,
      'cache-from': `type=registry,ref=${registry}:buildcache`,
      'cache-to': `type=registry,ref=${registry}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
      push: true,
    });
    expect(build.outputs).toEqual({ digest: `\${{ steps.build.outputs.digest }}` });
    expect(build.steps?.[0]?.with).toEqual({ 'persist-credentials': false });
    expect(deploy.steps?.at(-1)?.run).toBe(
      `npx --yes hatoba@${VERSION} deploy --image "${registry}@\${{ needs.build.outputs.digest }}"`,
    );
    expect(deploy.concurrency).toEqual({ group: 'deploy-web', 'cancel-in-progress': false });
  });

  it('keeps manual runs to trusted refs when no environment decides, and leaves them to the environment otherwise', () => {
    const [plain] = generateWorkflows(
      testConfig({ branches: ['main', 'release/*'], trustBranchPatterns: true, tags: ['v*', 'x-*-y'] }),
      {
        hatobaVersion: VERSION,
      },
    );
    expect((jobs(plain?.content ?? '').build as Job).if).toBe(
      "github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/main' || " +
        "startsWith(github.ref, 'refs/heads/release/') || startsWith(github.ref, 'refs/tags/v')",
    );
    const [withEnvironment] = generateWorkflows(testConfig({ environment: 'production' }), { hatobaVersion: VERSION });
    const deploy = jobs(withEnvironment?.content ?? '').deploy as Job;
    expect(deploy.if).toBeUndefined();
    expect(deploy.environment).toBe('production');
    expect(deploy.concurrency).toEqual({ group: 'deploy-web-production', 'cancel-in-progress': false });
  });

  it('requests a non-default audience explicitly and leaves the default to the action', () => {
    const credentials = (config: HatobaConfig) =>
      (jobs(generateWorkflows(config, { hatobaVersion: VERSION })[0]?.content ?? '').build as Job).steps?.[1]?.with;
    expect(credentials(testConfig({ audience: 'sts.example.internal' }))).toMatchObject({
      audience: 'sts.example.internal',
    });
    expect(credentials(testConfig())).toEqual({
      'role-to-assume': `\${{ vars.AWS_ROLE_ARN }}`,
      'aws-region': `\${{ vars.AWS_REGION }}`,
    });
  });

  it('splits into a push workflow that calls a reusable deploy workflow (caller subjects, no workflow_run)', () => {
    const [push, deploy] = generateWorkflows(testConfig({ environment: 'prod' }), {
      hatobaVersion: VERSION,
      split: true,
    });
    expect(push?.path).toBe('.github/workflows/ecr-push.yml');
    expect(deploy?.path).toBe('.github/workflows/ecs-deploy.yml');
    expect(jobs(push?.content ?? '').deploy).toMatchObject({
      uses: './.github/workflows/ecs-deploy.yml',
      needs: 'build',
    });
    expect(parse(deploy?.content ?? '').on).toEqual({
      workflow_call: { inputs: { image: expect.objectContaining({ required: true, type: 'string' }) } },
    });
    expect(push?.content).not.toContain('workflow_run');
  });

  it('starts with a header saying it was generated and how to regenerate it', () => {
    const [workflow] = generateWorkflows(testConfig(), { hatobaVersion: VERSION });
    expect(workflow?.content.split('\n').slice(0, 3)).toEqual([
      `# Generated by hatoba ${VERSION} from hatoba.yml.`,
      '# Regenerate after changing hatoba.yml: npx hatoba init --force',
      '# Check it before pushing: npx hatoba lint',
    ]);
  });
});

describe('PINNED_ACTIONS', () => {
  it.each(Object.entries(PINNED_ACTIONS))('%s is a full 40-hex commit with a vX.Y.Z version', (_, action) => {
    expect(action.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(action.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(action.repository).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
  });
});

describe('examples/hello-service', () => {
  it('carries the workflow generated from its hatoba.yml (regenerate: npx tsx scripts/generate-example-workflow.ts)', async () => {
    const dir = new URL('../../../examples/hello-service/', import.meta.url);
    const path = new URL('hatoba.yml', dir).pathname;
    const { config } = parseConfigText(await readFile(path, 'utf8'), { cwd: dir.pathname, env: {}, path });
    const [workflow] = generateWorkflows(config, { hatobaVersion: version() });
    const committed = await readFile(new URL(workflow?.path ?? '', dir), 'utf8');
    expect(committed).toBe(workflow?.content);
  });
});
