import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The transcripts in the docs are pasted from the transcript scripts' output; this keeps them in step with the code.
// A page's console block whose command line is one the script prints must be exactly one of the script's blocks for
// that command line (several deploy scenarios share one).
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;

function generated(script: string): string[] {
  const output = execFileSync(tsx, [script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return [...output.matchAll(/^<!-- \S+: .*? -->\n(```console\n[\s\S]*?\n```)$/gm)].map(([, block]) => block ?? '');
}

const consoleBlocks = (page: string) =>
  [...readFileSync(`${root}${page}`, 'utf8').matchAll(/^```console\n[\s\S]*?\n```$/gm)].map(([block]) => block);
const commandLine = (block: string) => block.split('\n')[1] ?? '';

describe.each([
  [
    'test/deploy/fake-ecs/transcripts.ts',
    ['docs/deploy.md', 'docs/rollback.md', 'docs/status.md', 'docs/ja/deploy.md'],
  ],
  ['test/infra/transcripts.ts', ['docs/diff.md', 'docs/up.md']],
  ['test/infra/down-transcripts.ts', ['docs/down.md']],
])('the transcripts %s prints', (script, pages) => {
  const blocks = generated(script);

  it.each(pages)('are the ones %s shows', (page) => {
    expect(blocks.length).toBeGreaterThan(0);
    const shown = consoleBlocks(page).filter((block) => blocks.some((b) => commandLine(b) === commandLine(block)));
    expect(shown.length, `${page} shows no transcript of ${script}`).toBeGreaterThan(0);
    const stale = shown.filter((block) => !blocks.includes(block)).map(commandLine);
    expect(stale, `regenerate with \`npx tsx ${script}\` and paste`).toEqual([]);
  });
});
