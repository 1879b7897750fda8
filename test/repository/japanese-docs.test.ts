import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  anchors,
  commands,
  githubSlug,
  JAPANESE_TRANSCRIPT_MARKER,
  literals,
  relativeLinks,
  transcripts,
  translationGaps,
} from '../support/translated-docs.js';

// The Japanese pages follow their English originals: same anchors, commands, error strings, flags and keys, and the
// same transcripts (copied from the English page, which tests keep in step with the code). A Japanese page lags
// behind as soon as its English page gains one of these.
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const PAIRS: readonly (readonly [english: string, japanese: string])[] = [
  ['README.md', 'README.ja.md'],
  ['docs/architecture.md', 'docs/ja/architecture.md'],
  ['docs/configuration.md', 'docs/ja/configuration.md'],
  ['docs/deploy.md', 'docs/ja/deploy.md'],
  ['docs/environments.md', 'docs/ja/environments.md'],
  ['docs/explain.md', 'docs/ja/explain.md'],
  ['docs/lint.md', 'docs/ja/lint.md'],
  ['docs/rehearse.md', 'docs/ja/rehearse.md'],
  ['docs/troubleshooting.md', 'docs/ja/troubleshooting.md'],
];

describe.each(PAIRS)('%s and its Japanese page %s', (englishPath, japanesePath) => {
  const english = read(englishPath);
  const japanese = read(japanesePath);
  const gaps = translationGaps(english, japanese);

  it('offers every anchor of the English page (an <a id> before a translated heading)', () => {
    expect(anchors(english).length).toBeGreaterThan(0);
    expect(gaps.anchors, `add <a id="…"></a> before the translated headings in ${japanesePath}`).toEqual([]);
  });

  it('shows every hatoba command of the English page verbatim', () => {
    expect(gaps.commands, `show these commands in ${japanesePath}`).toEqual([]);
  });

  it('keeps every error string, flag, key and rule id of the English page verbatim', () => {
    expect(gaps.literals, `explain these in ${japanesePath}, verbatim in backticks`).toEqual([]);
  });

  it("holds the English page's transcripts exactly, and no other", () => {
    const copy = `copy the transcripts of ${englishPath} into ${japanesePath} exactly`;
    expect(
      gaps.transcripts.map((block) => block.split('\n')[1]),
      copy,
    ).toEqual([]);
    expect(
      gaps.strayTranscripts.map((block) => block.split('\n')[1]),
      copy,
    ).toEqual([]);
  });

  it('links to the English page, which links back', () => {
    const targets = (markdown: string, path: string) => relativeLinks(markdown, path).map((link) => link.target);
    expect(targets(japanese, japanesePath)).toContain(englishPath);
    expect(targets(english, englishPath)).toContain(japanesePath);
  });

  it('links only to files that exist, and to anchors their pages offer', () => {
    const broken = relativeLinks(japanese, japanesePath).filter(({ target, fragment }) => {
      if (!existsSync(join(root, target))) return true;
      return fragment !== undefined && target.endsWith('.md') && !anchors(read(target)).includes(fragment);
    });
    expect(broken).toEqual([]);
  });
});

describe('the checks catch a Japanese page that lags behind', () => {
  const english = read('docs/troubleshooting.md');
  const japanese = read('docs/ja/troubleshooting.md');

  it('finds the heading, command and error string an English page gained', () => {
    const grown = `${english}\n## Brand-new section\n\n### \`error: the wharf is closed for the night\`\n\n**Fix**: run \`hatoba moor --at dawn\`.\n`;
    const gaps = translationGaps(grown, japanese);
    expect(gaps.anchors).toEqual(['brand-new-section', 'error-the-wharf-is-closed-for-the-night']);
    expect(gaps.commands).toEqual(['hatoba moor --at dawn']);
    expect(gaps.literals).toEqual(['error: the wharf is closed for the night']);
  });

  it('finds a transcript that is missing, and one that was edited', () => {
    const english = read('docs/deploy.md');
    const [first] = transcripts(english);
    expect(first).toBeDefined();
    const edited = read('docs/ja/deploy.md').replace(
      first as string,
      (first as string).replace('Deployed', 'デプロイ完了'),
    );
    const gaps = translationGaps(english, edited);
    expect(gaps.transcripts).toEqual([first]);
    expect(gaps.strayTranscripts).toHaveLength(1);
  });

  it('takes a run after the Japanese-transcript marker for a Japanese one, not for a stray copy', () => {
    const english = read('docs/deploy.md');
    const japaneseRun = '```console\n$ hatoba deploy --image x --lang ja\nデプロイしました\n```';
    const withRun = `${read('docs/ja/deploy.md')}\n${JAPANESE_TRANSCRIPT_MARKER}\n\n${japaneseRun}\n`;
    expect(translationGaps(english, withRun).strayTranscripts).toEqual([]);
    expect(translationGaps(english, `${read('docs/ja/deploy.md')}\n${japaneseRun}\n`).strayTranscripts).toEqual([
      japaneseRun,
    ]);
  });

  it('finds a flag of a table that the translation dropped', () => {
    const english = read('docs/lint.md');
    const dropped = read('docs/ja/lint.md').replaceAll('`--no-actionlint`', '');
    expect(translationGaps(english, dropped).literals).toContain('--no-actionlint');
  });
});

describe('the extraction', () => {
  it("makes GitHub's anchors", () => {
    expect(
      githubSlug('`Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity`'),
    ).toBe('error-could-not-assume-role-with-oidc-not-authorized-to-perform-stsassumerolewithwebidentity');
    expect(githubSlug('Straight from CloudTrail: `--role`')).toBe('straight-from-cloudtrail---role');
    expect(githubSlug('`Task failed container health checks` *(repeated)*')).toBe(
      'task-failed-container-health-checks-repeated',
    );
    expect(anchors('## A\n\n## A\n\n```\n## not a heading\n```\n<a id="x"></a>\n')).toEqual(['a', 'a-1', 'x']);
  });

  it('reads commands without their comments, and literals from headings, bold and first cells', () => {
    const page = [
      '# `hatoba lint`',
      '',
      'Run `hatoba lint --json` or `npm test`.',
      '',
      '```sh',
      'npx hatoba init   # not hatoba',
      'hatoba up         # creates the stacks',
      '$ hatoba deploy --image x',
      '```',
      '',
      '- **`error: one`** and `not a literal`',
      '',
      '| flag | meaning |',
      '| --- | --- |',
      '| `--dir DIR` | the `root` |',
    ].join('\n');
    expect(commands(page)).toEqual(['hatoba lint', 'hatoba lint --json', 'hatoba up', 'hatoba deploy --image x']);
    expect(literals(page)).toEqual(['hatoba lint', 'error: one', '--dir DIR']);
  });
});
