import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JAPANESE_TRANSCRIPT_MARKER } from '../support/translated-docs.js';

// The runs with Japanese output in docs/ja/ (each right after a `<!-- transcript: ja -->` marker) are pasted from the
// transcript scripts, run with `--lang ja`; this keeps them in step with the code and the catalogues, as
// transcripts-in-docs.test.ts does for the English pages.
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const SCRIPTS: readonly (readonly [script: string, runs: readonly string[]])[] = [
  ['test/deploy/fake-ecs/transcripts.ts', ['healthy-ja', 'crash-loop-ja']],
  ['test/i18n/transcripts.ts', []],
];

function generated(script: string, runs: readonly string[]): Map<string, string> {
  const output = execFileSync(tsx, [script, ...runs], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return new Map(
    [...output.matchAll(/^<!-- (\S+): .*? -->\n(```console\n[\s\S]*?\n```)$/gm)].map(([, key, block]) => [
      key ?? '',
      block ?? '',
    ]),
  );
}

// What differs from run to run of a rehearsal: the local issuer's port and measured seconds (of steps, of the run, and
// the elapsed time before a progress line).
const steady = (block: string) =>
  block
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/ *\d+\.\d+(?=s )/g, ' N')
    .replace(/\d+\.\d+(?= 秒)/g, 'N')
    .replace(/^\[ *\d+s\] /gm, '[Ns] ');

const pages = [
  'README.ja.md',
  ...readdirSync(`${root}docs/ja`)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/ja/${name}`),
];

/** The block after each marker of a page, or what follows the marker when that is no fenced block. */
function markedBlocks(page: string): string[] {
  const parts = readFileSync(`${root}${page}`, 'utf8').split(JAPANESE_TRANSCRIPT_MARKER).slice(1);
  return parts.map((after) => /^\s*(```console\n[\s\S]*?\n```)\n/.exec(after)?.[1] ?? after.trim().slice(0, 80));
}

describe('the Japanese transcripts in docs/ja', () => {
  const runs = new Map(SCRIPTS.flatMap(([script, names]) => [...generated(script, names)]));
  const shown = pages.flatMap((page) => markedBlocks(page).map((block) => ({ page, block })));

  it('are each a run a transcript script prints', () => {
    expect(runs.size).toBeGreaterThan(0);
    const fresh = new Set([...runs.values()].map(steady));
    const stale = shown
      .filter(({ block }) => !fresh.has(steady(block)))
      .map(({ page, block }) => `${page}: ${block.split('\n')[1] ?? block}`);
    expect(stale, 'regenerate with the scripts above (`npx tsx <script> <run>`) and paste after the marker').toEqual(
      [],
    );
  });

  it('show every Japanese run the scripts print', () => {
    const pasted = new Set(shown.map(({ block }) => steady(block)));
    const missing = [...runs].filter(([, block]) => !pasted.has(steady(block))).map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it('show Japanese output', () => {
    for (const { block } of shown) expect(block).toMatch(/[\p{Script=Hiragana}\p{Script=Katakana}]/u);
  });
});
