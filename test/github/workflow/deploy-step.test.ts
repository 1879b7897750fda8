import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintWorkflows } from '../../../src/github/lint/lint.js';
import { registryTarget } from '../../../src/github/lint/registry-cache.js';
import { trustTarget } from '../../../src/github/lint/trust-source.js';
import { generateWorkflows } from '../../../src/github/workflow/generate.js';
import { HATOBA_ACTION, type PinnedAction } from '../../../src/github/workflow/pinned-actions.js';
import { testConfig } from '../../support/config.js';

// A release of hatoba's own action as the pinned-action table would hold it (none is published yet).
const RELEASED: PinnedAction = { repository: 'example/hatoba', sha: 'a'.repeat(40), version: 'v9.9.9' };

type Step = Record<string, unknown>;
function deploySteps(content: string, job = 'deploy'): Step[] {
  return ((parse(content) as { jobs: Record<string, { steps: Step[] }> }).jobs[job]?.steps ?? []) as Step[];
}

async function findings(config: ReturnType<typeof testConfig>, workflows: { path: string; content: string }[]) {
  const { target } = await trustTarget({ config, cwd: '/' });
  const sources = workflows.map((w) => ({ file: w.path, repoPath: w.path, text: w.content }));
  return lintWorkflows(sources, { defaultBranch: 'main', trust: target, registry: registryTarget(config) });
}

describe('the deploy step of generated workflows', () => {
  it('runs `npx hatoba@<version>` while the table pins no hatoba action', () => {
    expect(HATOBA_ACTION).toBeUndefined();
    const [workflow] = generateWorkflows(testConfig(), { hatobaVersion: '1.2.3' });
    const steps = deploySteps(workflow?.content ?? '');
    expect(steps.at(-1)?.run).toMatch(/^npx --yes hatoba@1\.2\.3 deploy --image /);
  });

  it.each([
    {
      name: 'one workflow',
      split: false,
      dir: '.',
      job: 'deploy',
      file: 0,
      image: /@\$\{\{ needs\.build\.outputs\.digest \}\}$/,
    },
    {
      name: 'split, hatoba.yml in a subdirectory',
      split: true,
      dir: 'services/web',
      job: 'deploy',
      file: 1,
      image: /^\$\{\{ inputs\.image \}\}$/,
    },
  ])('with a pinned hatoba action ($name): uses it by commit, installs nothing, lints clean', async (c) => {
    const config = testConfig();
    const workflows = generateWorkflows(config, {
      hatobaVersion: '1.2.3',
      hatobaAction: RELEASED,
      split: c.split,
      configDir: c.dir,
    });
    const content = workflows[c.file]?.content ?? '';
    const steps = deploySteps(content, c.job);
    const deploy = steps.at(-1);
    expect(deploy?.uses).toBe(`example/hatoba@${'a'.repeat(40)}`);
    expect(content).toContain(`uses: example/hatoba@${'a'.repeat(40)} # v9.9.9`);
    expect(deploy?.with).toMatchObject({ image: expect.stringMatching(c.image) });
    if (c.dir === '.') expect(deploy?.with).not.toHaveProperty('config');
    else expect(deploy?.with).toMatchObject({ config: 'services/web/hatoba.yml' });
    // Nothing to install: no Node.js setup, no npx.
    expect(steps.map((s) => s.name)).toEqual(['Check out', 'Configure AWS credentials', 'Deploy']);
    expect(content).not.toMatch(/npx --yes/);
    expect(await findings(config, workflows)).toEqual([]);
  });

  it('hatoba lint refuses the hatoba action by tag (unpinned-action)', async () => {
    const config = testConfig();
    const [workflow] = generateWorkflows(config, { hatobaVersion: '1.2.3', hatobaAction: RELEASED });
    const byTag = (workflow?.content ?? '').replace(`example/hatoba@${'a'.repeat(40)} # v9.9.9`, 'example/hatoba@v9');
    const found = await findings(config, [{ path: workflow?.path ?? '', content: byTag }]);
    expect(found.map((f) => f.rule)).toEqual(['unpinned-action']);
  });
});
