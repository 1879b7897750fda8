import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

// docs/init.md's transcripts are pasted from real runs on copies of test/fixtures/init/; this replays the ones that
// need no terminal, command by command, in the same order and directory, and compares what each command printed.
const PAGE = new URL('../../docs/init.md', import.meta.url);
const FIXTURES = new URL('../fixtures/init/', import.meta.url);
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of test/fixtures/init/FIXTURE as a fresh clone of example-org/REPO, as the page's runs were made. */
async function project(fixture: string, repo: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `hatoba-init-page-${repo}-`));
  dirs.push(dir);
  await cp(new URL(fixture, FIXTURES), dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', `https://github.com/example-org/${repo}.git`], { cwd: dir });
  return dir;
}

/** Each `$ command` line of a block, with the lines shown after it. */
function steps(block: string): { command: string; shown: string[] }[] {
  const result: { command: string; shown: string[] }[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) result.push({ command: line.slice(2), shown: [] });
    else result.at(-1)?.shown.push(line);
  }
  return result;
}

/** Whether `actual` is what `shown` shows, where a `…` line (indented or not) stands for any number of lines left out. */
function matches(shown: readonly string[], actual: readonly string[], s = 0, a = 0): boolean {
  if (s === shown.length) return a === actual.length;
  if (shown[s]?.trim() === '…') {
    for (let k = a; k <= actual.length; k++) if (matches(shown, actual, s + 1, k)) return true;
    return false;
  }
  return a < actual.length && actual[a] === shown[s] && matches(shown, actual, s + 1, a + 1);
}

const lines = (text: string) => text.trimEnd().split('\n');

async function replay(dir: string, block: string): Promise<void> {
  let code: number | undefined;
  for (const { command, shown } of steps(block)) {
    let actual: string[];
    const [program = '', ...args] = command.split(' ');
    if (program === 'hatoba') {
      const result = await runCli(args, { cwd: dir });
      code = result.code;
      actual = lines(result.stdout + result.stderr);
    } else if (command === 'echo $?') {
      actual = [String(code)];
    } else if (program === 'tail' && args.length === 2) {
      actual = lines(await readFile(join(dir, args[1] ?? ''), 'utf8')).slice(Number(args[0]));
    } else if (program === 'cat' && args.length === 1) {
      actual = lines(await readFile(join(dir, args[0] ?? ''), 'utf8'));
    } else {
      throw new Error(`docs/init.md: no replay for \`${command}\``);
    }
    const expected = lines(shown.join('\n'));
    if (!matches(expected, actual)) expect(actual.join('\n'), `$ ${command}`).toBe(expected.join('\n'));
  }
}

const SCENARIOS: { name: string; fixture: string; repo: string; blocks: (block: string) => boolean }[] = [
  {
    name: 'the blog-post recipe',
    fixture: 'blog-recipe',
    repo: 'hello-service',
    blocks: (b) => b.includes('ecr-push'),
  },
  {
    name: 'the Flask app, then run again',
    fixture: 'flask',
    repo: 'orders-web',
    blocks: (b) => b.includes('orders-web'),
  },
  { name: 'the Go service', fixture: 'go', repo: 'inventory', blocks: (b) => b.includes('from Dockerfile line') },
  {
    name: 'the Flask app with environments',
    fixture: 'flask',
    repo: 'shop',
    blocks: (b) => b.includes('--environments'),
  },
];
// The TypeScript app's transcript answers prompts, which only a terminal shows as typed.
const interactive = (block: string) => block.includes('\nApp name (');

const page = await readFile(PAGE, 'utf8');
const transcripts = [...page.matchAll(/^```\n(\$ hatoba init[\s\S]*?)\n```$/gm)].map(([, block]) => block ?? '');

describe('docs/init.md transcripts', () => {
  it('are each replayed below, or need a terminal', () => {
    expect(transcripts.length).toBeGreaterThan(0);
    const unknown = transcripts.filter((b) => !interactive(b) && !SCENARIOS.some((s) => s.blocks(b)));
    expect(unknown.map((b) => b.split('\n')[0])).toEqual([]);
  });

  it.each(SCENARIOS)('$name', async ({ fixture, repo, blocks }) => {
    const mine = transcripts.filter((b) => !interactive(b) && blocks(b));
    expect(mine.length).toBeGreaterThan(0);
    const dir = await project(fixture, repo);
    for (const block of mine) await replay(dir, block);
  });
});
