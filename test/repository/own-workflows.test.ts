import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isReadable, lintWorkflows, readWorkflowSources } from '../../src/github/lint/lint.js';
import { pinnedAction } from '../../src/github/workflow/pinned-actions.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe("this repository's own workflows", () => {
  it('pass hatoba lint (actionlint and every rule) without findings', async () => {
    const sources = await readWorkflowSources(`${root}.github/workflows`, root);
    expect(sources.filter(isReadable).map((source) => source.repoPath)).toContain('.github/workflows/release.yml');
    expect(await lintWorkflows(sources, { defaultBranch: 'main' })).toEqual([]);
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = parse(readFileSync(`${root}.github/workflows/release.yml`, 'utf8')) as {
    on: { push: { tags: string[] } };
    permissions: unknown;
    jobs: Record<string, { permissions?: Record<string, string>; environment?: string; steps: Step[] }>;
  };
  interface Step {
    uses?: string;
    run?: string;
    env?: Record<string, string>;
  }
  const jobsWithIdToken = () =>
    Object.entries(workflow.jobs)
      .filter(([, job]) => job.permissions?.['id-token'] === 'write')
      .map(([name]) => name);

  it('runs on version tags only, with no permission by default', () => {
    expect(Object.keys(workflow.on)).toEqual(['push']);
    expect(workflow.on.push.tags.length).toBeGreaterThan(0);
    expect(workflow.permissions).toEqual({});
  });

  it('gives the OIDC token to the publish job only, in a GitHub environment, and stores no npm token', () => {
    expect(jobsWithIdToken()).toEqual(['publish']);
    expect(workflow.jobs.publish?.environment).toBeTruthy();
    expect(readFileSync(`${root}.github/workflows/release.yml`, 'utf8')).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
  });

  it('installs with npm ci, checks, then publishes with provenance after the checks pass', () => {
    const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).flatMap((step) => step.run ?? []);
    expect(runs('check')).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm run check']));
    expect(runs('publish').at(-1)).toMatch(/^npm publish --provenance\b/);
    expect((workflow.jobs.publish as { needs?: string }).needs).toBe('check');
  });

  it('pins every action to the SHA of the pinned-action table', () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => step.uses ?? []));
    expect(uses.length).toBeGreaterThan(0);
    for (const reference of uses) {
      const [repository, sha] = reference.split('@');
      expect(pinnedAction(repository ?? '')?.sha, reference).toBe(sha);
    }
  });
});
