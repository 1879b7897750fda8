import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runActionlint } from '../../src/github/lint/actionlint.js';
import { pinnedAction } from '../../src/github/workflow/pinned-actions.js';
import { runCli } from '../support/cli.js';

const PAGE = new URL('../../docs/from-the-blog-recipe.md', import.meta.url);

// The recipe's ECS actions, which hatoba never writes: the commits their release tags point to (the tags v1.9.0 and
// v2.6.3 of aws-actions/amazon-ecs-render-task-definition and aws-actions/amazon-ecs-deploy-task-definition).
const RECIPE_ONLY_PINS: Record<string, { sha: string; version: string }> = {
  'aws-actions/amazon-ecs-render-task-definition': {
    sha: '138c24f321fdbdf7edee4a685519d253cae2cdea',
    version: 'v1.9.0',
  },
  'aws-actions/amazon-ecs-deploy-task-definition': {
    sha: 'c465972ecbd160473f22e683363b422a5412a3de',
    version: 'v2.6.3',
  },
};

const blocks = (page: string, lang: string) =>
  [...page.matchAll(new RegExp(`^( *)\`\`\`${lang}\\n([\\s\\S]*?)^\\1\`\`\`$`, 'gm'))].map(([, indent, body]) =>
    (body ?? '').replace(new RegExp(`^${indent}`, 'gm'), ''),
  );
const isWorkflow = (text: string) => {
  const document = parse(text) as unknown;
  return typeof document === 'object' && document !== null && 'on' in document && 'jobs' in document;
};

describe('docs/from-the-blog-recipe.md', () => {
  let page: string;
  let workflows: string[];
  beforeAll(async () => {
    page = await readFile(PAGE, 'utf8');
    workflows = blocks(page, 'yaml').filter(isWorkflow);
  });

  it('has complete workflows, and each passes actionlint', async () => {
    expect(workflows.length).toBeGreaterThan(0);
    for (const [i, workflow] of workflows.entries()) {
      expect(await runActionlint(workflow, `snippet-${i + 1}.yml`)).toEqual([]);
    }
  });

  it('pins every action of its workflows to a release commit, with the version as a comment', () => {
    const uses = workflows.flatMap((w) => [...w.matchAll(/uses: (\S+?)@(\S+)(.*)/g)]);
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const [, repository = '', ref, comment] of uses) {
      const pin = pinnedAction(repository) ?? RECIPE_ONLY_PINS[repository];
      expect(pin, `${repository} is neither in pinned-actions.ts nor a recipe-only pin`).toBeDefined();
      expect(ref, repository).toBe(pin?.sha);
      expect(comment?.trim(), repository).toBe(`# ${pin?.version}`);
    }
  });

  describe('transcripts, run against the page’s own workflow and trust policy', () => {
    let repo: string;
    beforeAll(async () => {
      repo = await mkdtemp(join(tmpdir(), 'hatoba-recipe-'));
      await mkdir(join(repo, '.github/workflows'), { recursive: true });
      await writeFile(join(repo, '.github/workflows/deploy.yml'), workflows[0] ?? '');
      const [trust] = blocks(page, 'json').filter((text) => text.includes('"Version": "2012-10-17"'));
      await writeFile(join(repo, 'trust.json'), trust ?? '');
      execFileSync('git', ['init', '-q', repo]);
      execFileSync('git', ['-C', repo, 'remote', 'add', 'origin', 'https://github.com/example-org/hello-service.git']);
    });
    afterAll(async () => {
      await rm(repo, { recursive: true, force: true });
    });

    // Each console block: its `$ hatoba …` line, what the command printed, and `$ echo $?` with the exit code if shown.
    const transcript = (command: string) => {
      const block = blocks(page, 'console').find((text) => text.startsWith(`$ hatoba ${command}\n`));
      expect(block, `a transcript of hatoba ${command}`).toBeDefined();
      const [output = '', code] = (block ?? '').slice(`$ hatoba ${command}\n`.length).split('$ echo $?\n');
      return { output, code: code === undefined ? undefined : Number(code.trim()) };
    };
    const run = async (command: string) => {
      const result = await runCli(command.split(' '), { cwd: repo });
      return { output: result.stdout + result.stderr, code: result.code };
    };

    it.each([
      'lint --trust-policy trust.json',
      'explain --sub repo:example-org/hello-service:environment:production --trust-policy trust.json',
    ])('hatoba %s', async (command) => {
      const shown = transcript(command);
      const actual = await run(command);
      expect(actual.output.trimEnd()).toBe(shown.output.trimEnd());
      if (shown.code !== undefined) expect(actual.code).toBe(shown.code);
    });
  });
});
