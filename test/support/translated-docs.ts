import { dirname, join, normalize } from 'node:path';

// What a translated page must keep from its English original: the anchors other pages link to, the commands, the
// literal texts users search for (error strings, flags, keys, rule ids) and the transcripts, all verbatim.

/** A fenced code block: its fence (three or more backticks) and everything up to the same fence. */
const FENCED_BLOCK = /^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm;
/** A code span: a run of backticks, then anything up to a run of the same length. */
const CODE_SPAN = /(`+)(?!`)([\s\S]+?)(?<!`)\1(?!`)/g;

const withoutFencedBlocks = (markdown: string) => markdown.replace(FENCED_BLOCK, '');
const collapseSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A code span's text, as CommonMark reads it: one space is stripped from each end when both ends have one. */
function codeSpans(text: string): string[] {
  return [...text.matchAll(CODE_SPAN)].map(([, , inner = '']) =>
    collapseSpaces(/^ .* $/s.test(inner) ? inner.slice(1, -1) : inner),
  );
}

/** GitHub's anchor for a heading: lower case, punctuation and symbols dropped, spaces become hyphens. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\*/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page offers: its headings' slugs (repeats numbered as GitHub does) and its `<a id="…">` anchors. */
export function anchors(markdown: string): string[] {
  const text = withoutFencedBlocks(markdown);
  const seen = new Map<string, number>();
  const slugs = [...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading = '']) => {
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    return count === 0 ? slug : `${slug}-${count}`;
  });
  const explicit = [...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map(([, id = '']) => id);
  return [...new Set([...slugs, ...explicit])];
}

/**
 * Every `hatoba …` command the page shows: code spans that start with `hatoba `, and command lines in code blocks
 * (`hatoba …` or `$ hatoba …`, without a trailing `# comment`, which a translation may translate).
 */
export function commands(markdown: string): string[] {
  const inline = codeSpans(withoutFencedBlocks(markdown)).filter((span) => span.startsWith('hatoba '));
  const inBlocks = [...markdown.matchAll(FENCED_BLOCK)].flatMap(([block]) =>
    block
      .split('\n')
      .map((line) => /^(?:\$ )?(hatoba .*?)(?:\s+#.*)?$/.exec(line.trim())?.[1])
      .filter((command): command is string => command !== undefined),
  );
  return [...new Set([...inline, ...inBlocks].map(collapseSpaces))];
}

/**
 * The literal texts users search for: code spans in headings (troubleshooting's error entries), in bold (error
 * entries of a list) and in the first cell of a table row (flags, keys, rule ids, resource types).
 */
export function literals(markdown: string): string[] {
  const text = withoutFencedBlocks(markdown);
  const headings = [...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading = '']) => heading);
  const bold = [...text.matchAll(/\*\*(`+[\s\S]+?`+)\*\*/g)].map(([, span = '']) => span);
  const firstCells = [...text.matchAll(/^\|(.*)\|$/gm)]
    .map(([, row = '']) => row.split(/(?<!\\)\|/)[0] ?? '')
    .filter((cell) => !/^\s*:?-+:?\s*$/.test(cell));
  return [...new Set([...headings, ...bold, ...firstCells].flatMap(codeSpans))];
}

/** Marks where a run with Japanese output goes: the block right after it is that run, not a copy of an English one. */
export const JAPANESE_TRANSCRIPT_MARKER = '<!-- transcript: ja -->';

/**
 * Code blocks that record a run (their first line is a `$ ` prompt): transcripts, copied, never written by hand. A
 * block right after the Japanese-transcript marker is left out: its output is in Japanese, so no English page has it.
 */
export function transcripts(markdown: string): string[] {
  return [...markdown.matchAll(FENCED_BLOCK)]
    .filter(({ index }) => !markdown.slice(0, index).trimEnd().endsWith(JAPANESE_TRANSCRIPT_MARKER))
    .map(([block]) => block)
    .filter((block) => /^\$ /.test(block.split('\n')[1] ?? ''));
}

/** The relative link targets of a page (no scheme, no pure fragment), resolved against its path in the repository. */
export function relativeLinks(markdown: string, pagePath: string): { target: string; fragment?: string }[] {
  const text = withoutFencedBlocks(markdown);
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, href = '']) => href)
    .filter((href) => !/^[a-z][a-z+.-]*:/i.test(href) && !href.startsWith('#'))
    .map((href) => {
      const [path = '', fragment] = href.split('#');
      return { target: normalize(join(dirname(pagePath), path)), ...(fragment === undefined ? {} : { fragment }) };
    });
}

export interface TranslationGaps {
  /** Anchors of the English page the translation lacks. */
  readonly anchors: string[];
  readonly commands: string[];
  readonly literals: string[];
  /** English transcripts missing from the translation. */
  readonly transcripts: string[];
  /** Transcripts of the translation that are not the English page's (edited or made up). */
  readonly strayTranscripts: string[];
}

/** What the translation of a page lacks (every list empty: it is in step). */
export function translationGaps(english: string, translation: string): TranslationGaps {
  const translated = collapseSpaces(translation);
  const translatedProse = collapseSpaces(withoutFencedBlocks(translation));
  const offered = new Set(anchors(translation));
  const englishTranscripts = transcripts(english);
  const translatedTranscripts = transcripts(translation);
  return {
    anchors: anchors(english).filter((anchor) => !offered.has(anchor)),
    commands: commands(english).filter((command) => !translated.includes(command)),
    // Outside code blocks: a transcript that happens to contain an error string does not explain it.
    literals: literals(english).filter((literal) => !translatedProse.includes(literal)),
    transcripts: englishTranscripts.filter((block) => !translatedTranscripts.includes(block)),
    strayTranscripts: translatedTranscripts.filter((block) => !englishTranscripts.includes(block)),
  };
}
