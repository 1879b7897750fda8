import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering rule of docs/development.md: core modules return data and never reach the terminal code; report/
 * renders and never reads flags; cli/ sits on top. And no two top-level folders import each other, even through a
 * third one.
 */
const SRC = fileURLToPath(new URL('../src', import.meta.url));

type Layer = 'core' | 'report' | 'cli';
const LAYER_RANK: Record<Layer, number> = { core: 0, report: 1, cli: 2 };

interface Edge {
  readonly from: string; // file, relative to src/
  readonly to: string;
}

/** `deploy/watch.ts` → `deploy`; a file at the top (`errors.ts`) is its own unit. */
function unitOf(file: string): string {
  const [head, ...rest] = file.split('/');
  return rest.length === 0 ? (head ?? file) : `${head}/`;
}

function layerOf(file: string): Layer {
  const unit = unitOf(file);
  return unit === 'cli/' ? 'cli' : unit === 'report/' ? 'report' : 'core';
}

/** Every `import … from`, `export … from`, `import '…'` and `import('…')` of a source text, relative ones resolved. */
function importsOf(file: string, text: string): Edge[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ from: file, to: posix.normalize(posix.join(posix.dirname(file), spec)) }))
    .map((edge) => ({ ...edge, to: edge.to.replace(/\.js$/, '.ts') }));
}

function layerViolations(edges: readonly Edge[]): string[] {
  return edges
    .filter((edge) => LAYER_RANK[layerOf(edge.to)] > LAYER_RANK[layerOf(edge.from)])
    .map((edge) => `${edge.from} (${layerOf(edge.from)}) imports ${edge.to} (${layerOf(edge.to)})`);
}

/**
 * The cycles between top-level units: one per strongly connected group, the shortest loop through its first unit,
 * printed as `a/ → b/ → a/` with one file-level import per step.
 */
function unitCycles(edges: readonly Edge[]): string[] {
  const graph = new Map<string, Map<string, Edge>>();
  for (const edge of edges) {
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (from === to) continue;
    const targets = graph.get(from) ?? new Map<string, Edge>();
    if (!targets.has(to)) targets.set(to, edge);
    graph.set(from, targets);
  }
  const reach = (start: string, forward: boolean): Set<string> => {
    const seen = new Set([start]);
    const queue = [start];
    for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
      const next = forward
        ? [...(graph.get(unit)?.keys() ?? [])]
        : [...graph].filter(([, targets]) => targets.has(unit)).map(([from]) => from);
      for (const n of next) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    }
    return seen;
  };
  const done = new Set<string>();
  const cycles: string[] = [];
  for (const unit of [...graph.keys()].sort()) {
    if (done.has(unit)) continue;
    const backward = reach(unit, false);
    const group = [...reach(unit, true)].filter((u) => backward.has(u));
    for (const u of group) done.add(u);
    if (group.length < 2) continue;
    // Breadth-first from `unit` inside the group back to `unit`: the shortest loop.
    const parent = new Map<string, string>();
    const queue = [unit];
    let closing: string | undefined;
    for (let at = queue.shift(); at !== undefined && closing === undefined; at = queue.shift()) {
      for (const next of [...(graph.get(at)?.keys() ?? [])].sort()) {
        if (next === unit) {
          closing = at;
          break;
        }
        if (!group.includes(next) || parent.has(next)) continue;
        parent.set(next, at);
        queue.push(next);
      }
    }
    const loop = [unit];
    for (let at = closing; at !== undefined && at !== unit; at = parent.get(at)) loop.splice(1, 0, at);
    loop.push(unit);
    const steps = loop.slice(0, -1).map((u, i) => {
      const step = graph.get(u)?.get(loop[i + 1] ?? '');
      return `${u} → ${loop[i + 1]} (${step?.from} imports ${step?.to})`;
    });
    cycles.push(`${[...group].sort().join(' ')}: ${loop.join(' → ')}\n    ${steps.join('\n    ')}`);
  }
  return cycles;
}

function sourceFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(join(dir, entry.name), rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

const edges = sourceFiles(SRC).flatMap((file) => importsOf(file, readFileSync(join(SRC, file), 'utf8')));

describe('architecture', () => {
  it('finds the imports of the source tree', () => {
    expect(edges).toContainEqual({ from: 'cli/main.ts', to: 'cli/commands/index.ts' });
  });

  it('core modules import neither report/ nor cli/, and report/ does not import cli/', () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it('has no import cycle between top-level folders', () => {
    expect(unitCycles(edges)).toEqual([]);
  });
});

describe('the architecture checks themselves', () => {
  const file = (from: string, text: string) => importsOf(from, text);

  it('see static, re-exported, type-only and dynamic imports', () => {
    const found = file(
      'deploy/x.ts',
      `import a from '../cli/a.js';\nexport { b } from './b.js';\nimport type { C } from '../report/c.js';\nconst d = await import('../fs/d.js');\nimport 'node:fs';`,
    ).map((edge) => edge.to);
    expect(found).toEqual(['cli/a.ts', 'deploy/b.ts', 'report/c.ts', 'fs/d.ts']);
  });

  it('flag a core module reaching up, and report/ reaching cli/', () => {
    const violations = layerViolations([
      { from: 'deploy/watch.ts', to: 'cli/output.ts' },
      { from: 'errors.ts', to: 'report/text.ts' },
      { from: 'report/deploy.ts', to: 'cli/command.ts' },
      { from: 'cli/main.ts', to: 'report/text.ts' },
      { from: 'report/deploy.ts', to: 'deploy/watch.ts' },
    ]);
    expect(violations).toEqual([
      'deploy/watch.ts (core) imports cli/output.ts (cli)',
      'errors.ts (core) imports report/text.ts (report)',
      'report/deploy.ts (report) imports cli/command.ts (cli)',
    ]);
  });

  it('print a cycle between folders, also through a third one', () => {
    const cycles = unitCycles([
      { from: 'github/a.ts', to: 'iam/b.ts' },
      { from: 'iam/b.ts', to: 'oidc/c.ts' },
      { from: 'oidc/c.ts', to: 'github/d.ts' },
      { from: 'deploy/x.ts', to: 'deploy/y.ts' },
    ]);
    expect(cycles).toEqual([
      'github/ iam/ oidc/: github/ → iam/ → oidc/ → github/\n' +
        '    github/ → iam/ (github/a.ts imports iam/b.ts)\n' +
        '    iam/ → oidc/ (iam/b.ts imports oidc/c.ts)\n' +
        '    oidc/ → github/ (oidc/c.ts imports github/d.ts)',
    ]);
  });
});
