import { describe, expect, it } from 'vitest';
import { isStaleKnowledge, runActionlint } from '../../../src/github/lint/actionlint.js';

describe('runActionlint', () => {
  it('reports real problems as actionlint/<kind> errors with their line', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-24.04',
      '    permissions:',
      '      id-tokens: write',
      '    steps:',
      `      - run: echo "\${{ github.event.head_commit.message }}"`,
      '',
    ].join('\n');
    const findings = await runActionlint(workflow, 'ci.yml');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['actionlint/permissions', 6],
      ['actionlint/expression', 8],
    ]);
    expect(findings.every((f) => f.severity === 'error' && f.file === 'ci.yml')).toBe(true);
  });

  it('drops only findings that predate GitHub features (new runner labels, the vars context)', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-24.04-arm',
      '    steps:',
      `      - run: echo "\${{ vars.NAME }}"`,
      '  other:',
      '    runs-on: ubuntu-2404-typo',
      '    steps:',
      `      - run: echo "\${{ varz.NAME }}"`,
      '',
    ].join('\n');
    const findings = await runActionlint(workflow, 'ci.yml');
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['actionlint/runner-label', 8],
      ['actionlint/expression', 10],
    ]);
    expect(isStaleKnowledge({ kind: 'runner-label', message: 'label "ubuntu-24.04" is unknown. available…' })).toBe(
      true,
    );
    expect(isStaleKnowledge({ kind: 'expression', message: 'undefined variable "vars". available…' })).toBe(true);
  });
});
