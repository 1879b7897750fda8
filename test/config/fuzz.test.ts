import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { MINIMAL_CONFIG } from '../support/config.js';
import { fuzzProblems, random } from '../support/random.js';

// Random and hostile hatoba.yml files through `hatoba config validate`, as a user would run it. Whatever the file,
// hatoba answers with a verdict (0 valid, 1 invalid, 2 unusable) and a message: never a crash, a stack trace or a hang.

const KEYS = [
  'app',
  'github',
  'aws',
  'ecs',
  'ecr',
  'network',
  'build',
  'container',
  'environment',
  'secrets',
  'branches',
  'tags',
  'memory',
  'cpu',
  '__proto__',
  'constructor',
  'toString',
  '<<',
  '? x',
  '"q"',
  '- a',
];
const SCALARS = [
  'hello-service',
  "'123456789012'",
  '123456789012',
  'eu-west-1',
  '*',
  '"*"',
  '~',
  'null',
  '.nan',
  '.inf',
  '1e400',
  '-0',
  '0x1F',
  'true',
  'yes',
  '""',
  "''",
  '[]',
  '{}',
  '!!js/function "x"',
  '!!binary aGk=',
  '!!python/object:os.system ls',
  '&a x',
  '*a',
  '*undefined',
  '!<tag:yaml.org,2002:js/undefined> ""',
  '|\n  block',
  '>-\n  folded',
  '"\\u0000"',
  '"\\x7f"',
  'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, as users paste them
  '${{ secrets.X }}',
];

const hostile: [string, string][] = [
  ['deep flow nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
  ['deep block nesting', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
  [
    'deep nesting inside a valid file',
    `${MINIMAL_CONFIG}ecs:\n  container:\n    environment: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`,
  ],
  ['a huge key', `? ${'k'.repeat(500_000)}\n: 1\n`],
  ['a huge value', MINIMAL_CONFIG.replace('eu-west-1', 'x'.repeat(900_000))],
  [
    'an alias bomb',
    `a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`,
  ],
  ['a self-referencing alias', 'a: &a [*a]\n'],
  ['merge keys under YAML 1.1', `%YAML 1.1\n---\nbase: &b {app: x}\n<<: *b\n${MINIMAL_CONFIG}`],
  ['js tags', `app: !!js/function "function(){}"\ngithub: !!js/regexp /x/\naws: !!js/undefined ""\n`],
  ['binary', `${MINIMAL_CONFIG}ecs: !!binary aGVsbG8=\n`],
  ['YAML 1.1 types', `%YAML 1.1\n---\napp: !!timestamp 2001-12-14\ngithub: !!set {a, b}\naws: !!omap [a: 1]\n`],
  ['many documents', `${MINIMAL_CONFIG}---\n${MINIMAL_CONFIG}---\n`],
  ['NUL bytes', `app: hello\u0000\ngithub: \u0000\n`],
  ['invalid UTF-8', Buffer.from([0x61, 0x70, 0x70, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]).toString('latin1')],
  ['a BOM and CRLF', `\ufeff${MINIMAL_CONFIG.replaceAll('\n', '\r\n')}`],
  ['tabs for indentation', MINIMAL_CONFIG.replaceAll('  ', '\t')],
  ['prototype keys everywhere', `__proto__: {app: x}\nconstructor: 1\n${MINIMAL_CONFIG}github:\n  __proto__: {}\n`],
  ['many unknown keys', `${MINIMAL_CONFIG}${Array.from({ length: 5000 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`],
  ['30,000 unknown keys', `${MINIMAL_CONFIG}${Array.from({ length: 30_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`],
  ['empty', ''],
  ['only a comment', '# nothing\n'],
  ['a scalar', '42\n'],
  ['30,000 duplicate keys', `${MINIMAL_CONFIG}${'app: x\n'.repeat(30_000)}`],
];

function randomDocument(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const roll = next();
  if (roll < 0.35) {
    // A valid file cut short or with a few bytes changed: what an interrupted write or a bad merge leaves.
    const base = `${MINIMAL_CONFIG}ecs:\n  cpu: 256\n  memory: 512\n  container:\n    environment:\n      A: b\n`;
    let text = base.slice(0, Math.floor(next() * base.length));
    for (let i = Math.floor(next() * 4); i > 0; i--) {
      const at = Math.floor(next() * (text.length + 1));
      text = `${text.slice(0, at)}${pick([':', '-', '[', '{', '"', "'", '&', '*', '!', '\t', '\n', '  ', '#', '%', '|'])}${text.slice(at)}`;
    }
    return text;
  }
  if (roll < 0.45) {
    // Random bytes, as from the wrong file.
    return Buffer.from(Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * 256))).toString(
      'latin1',
    );
  }
  // A random tree of the vocabulary above.
  const lines: string[] = [];
  const walk = (depth: number) => {
    for (let i = Math.floor(next() * 4) + 1; i > 0; i--) {
      const indent = '  '.repeat(depth);
      if (depth < 5 && next() < 0.4) {
        lines.push(`${indent}${pick(KEYS)}:`);
        walk(depth + 1);
      } else lines.push(`${indent}${next() < 0.2 ? '- ' : ''}${pick(KEYS)}: ${pick(SCALARS)}`);
    }
  };
  walk(0);
  return `${lines.join('\n')}\n`;
}

describe('hatoba config validate on random and hostile files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const next = random(20_240_601);
  const documents: [string, string][] = [
    ...hostile,
    ...Array.from({ length: 300 }, (_, i): [string, string] => [`random #${i}`, randomDocument(next)]),
  ];

  it(`answers every one of ${documents.length} files with a verdict, never a crash`, async () => {
    const failures: string[] = [];
    for (const [index, [name, text]] of documents.entries()) {
      const file = join(dir, `${index}.yml`);
      writeFileSync(file, text, 'latin1');
      const json = index % 3 === 0;
      const started = performance.now();
      const { code, stdout, stderr } = await runCli(
        ['config', 'validate', '--config', file, ...(json ? ['--json'] : [])],
        {
          cwd: dir,
        },
      );
      const seconds = (performance.now() - started) / 1000;
      const output = `${stdout}${stderr}`;
      const problems = fuzzProblems({ code, stdout, stderr }, { seconds, json, maxStderrBytes: 64 * 1024 });
      if (problems.length > 0) failures.push(`${name} (${index}.yml): ${problems.join(', ')}\n${output.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
