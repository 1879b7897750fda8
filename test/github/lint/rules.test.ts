import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { isReadable, lintWorkflows, readWorkflowSources } from '../../../src/github/lint/lint.js';
import { registryTarget } from '../../../src/github/lint/registry-cache.js';
import { RULES } from '../../../src/github/lint/rules/index.js';
import { environmentTargets, trustTarget } from '../../../src/github/lint/trust-source.js';
import { testConfig } from '../../support/config.js';

/**
 * Fixtures: test/fixtures/workflows/<rule>/<case>/, where a case named fail… or pass… holds workflow files (and
 * optionally hatoba.yml or trust.json to check against; the default is repository octo-org/web deploying main).
 * Each line carrying `# expect: <rule>` must get exactly one finding of that rule; no other line may get one.
 */
const FIXTURES = new URL('../../fixtures/workflows/', import.meta.url).pathname;

function cases(rule: string): { name: string; dir: string }[] {
  const dir = join(FIXTURES, rule);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, dir: join(dir, name) }));
}

async function findingsFor(dir: string, rule: string) {
  // As `hatoba lint` loads it: with `environments`, every one of them (each job checked against its own role).
  const loaded = existsSync(join(dir, 'hatoba.yml'))
    ? parseConfigText(readFileSync(join(dir, 'hatoba.yml'), 'utf8'), {
        cwd: dir,
        env: {},
        path: join(dir, 'hatoba.yml'),
        environment: { any: true },
      })
    : undefined;
  const config = loaded?.config ?? testConfig();
  const trustFile = existsSync(join(dir, 'trust.json')) ? join(dir, 'trust.json') : undefined;
  const { target } = await trustTarget({ config, trustPolicyFile: trustFile, cwd: dir });
  const sources = await readWorkflowSources(dir, dir);
  const findings = await lintWorkflows(sources, {
    defaultBranch: 'main',
    trust: target,
    environments: trustFile === undefined ? environmentTargets(loaded?.environments ?? []) : undefined,
    registry: registryTarget(config),
    actionlint: false,
  });
  const expected = sources.filter(isReadable).flatMap((source) =>
    source.text
      .split('\n')
      .map((text, index) => ({ text, line: index + 1 }))
      .filter(({ text }) => text.includes(`# expect: ${rule}`))
      .map(({ line }) => `${source.file}:${line}`),
  );
  const actual = findings.filter((f) => f.rule === rule);
  return { expected, actual };
}

describe.each(RULES.map((rule) => rule.id))('%s', (rule) => {
  it('has failing and passing fixtures', () => {
    const names = cases(rule).map((c) => c.name);
    expect(names.some((n) => n.startsWith('fail'))).toBe(true);
    expect(names.some((n) => n.startsWith('pass'))).toBe(true);
  });

  it.each(cases(rule))('$name', async ({ name, dir }) => {
    const { expected, actual } = await findingsFor(dir, rule);
    if (name.startsWith('pass')) expect(actual).toEqual([]);
    else expect(expected.length).toBeGreaterThan(0);
    expect([...new Set(actual.map((f) => `${f.file}:${f.line}`))].sort()).toEqual([...expected].sort());
    for (const finding of actual) {
      expect(finding.severity).toBe(RULES.find((r) => r.id === rule)?.severity);
      expect(finding.message.length).toBeGreaterThan(20);
      expect(finding.fix.length).toBeGreaterThan(10);
    }
  });
});
