import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument } from 'yaml';
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
  /** YAML syntax errors; a file with errors has no jobs. */
  readonly errors: readonly { line: number; message: string }[];
  /** 1-based line of the key at `path` (or of the nearest ancestor that exists). */
  line(path: YamlPath): number;
  /** 1-based line of a character offset in `text`. */
  lineAt(offset: number): number;
}

export function parseWorkflow(text: string, file: string, repoPath: string): Workflow {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number) => lineCounter.linePos(offset).line;
  const line = (path: YamlPath) => keyLine(document, path, position);
  const errors = document.errors.map((e) => ({
    line: e.linePos?.[0]?.line ?? 1,
    message: e.message.split('\n')[0] ?? '',
  }));
  const data = errors.length === 0 ? document.toJS() : undefined;
  const root = isRecord(data) ? data : {};
  return {
    file,
    repoPath,
    text,
    document,
    triggers: triggersOf(root.on),
    permissions: root.permissions,
    jobs: isRecord(root.jobs) ? Object.entries(root.jobs).map(([id, job]) => jobOf(id, job)) : [],
    errors,
    line,
    lineAt: position,
  };
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
export function unwrapExpression(text: string): string {
  const match = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return (match?.[1] ?? text).trim();
}

/** Findings point at the key (`permissions:`), which is where people look, rather than at its first child. */
function keyLine(document: Document.Parsed, path: YamlPath, position: (offset: number) => number): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
    const key = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item: Pair) => isScalar(item.key) && String(item.key.value) === String(key));
      const range = (pair?.key as Node | undefined)?.range;
      if (isPair(pair) && range) return position(range[0]);
    } else if (isSeq(parent) && typeof key === 'number') {
      const range = (parent.items[key] as Node | undefined)?.range;
      if (range) return position(range[0]);
    }
  }
  return 1;
}
