import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What `npm pack` puts in the tarball, checked without the 1-minute build: the tracked files are copied to a scratch
// directory next to a stand-in dist/ holding what `tsc -p tsconfig.build.json` writes for each src/ file (.js, .d.ts,
// .js.map), and `npm pack --dry-run` lists what it would pack. scripts/package-smoke.sh packs the real build.
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
};

/** Everything the tarball may hold; anything else (tests, sources, source maps, scripts) is a packing mistake. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  // npm packs every README* at the root, whatever `files` says; the pages it links to (docs/ja/) stay out.
  /^README\.ja\.md$/,
  /^LICENSE$/,
  /^bin\/[\w-]+\.js$/,
  /^dist\/[\w/.-]+(?<!\.map)\.(js|d\.ts)$/,
  /^schema\/[\w.-]+\.json$/,
  /^templates\//,
  /^docs\/[\w-]+\.md$/,
];
/**
 * Docs, schema and templates together (dist/ is measured on the real tarball by scripts/package-smoke.sh). 768 KiB:
 * ~550 KiB with a page per command (doctor, logs, run, down joined), leaving room for the pages still to come.
 */
const NON_CODE_BUDGET_BYTES = 768 * 1024;

interface PackedFile {
  readonly path: string;
  readonly size: number;
}

let staging: string;
let packed: PackedFile[];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length).replace(/^\//, ''));
}

beforeAll(() => {
  staging = mkdtempSync(join(tmpdir(), 'hatoba-pack-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0');
  for (const path of tracked.filter(Boolean)) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    cpSync(join(root, path), join(staging, path));
  }
  for (const source of sourceFiles('src')) {
    const base = join(staging, 'dist', source.slice('src/'.length).replace(/\.ts$/, ''));
    mkdirSync(dirname(base), { recursive: true });
    for (const extension of ['.js', '.d.ts', '.js.map']) writeFileSync(`${base}${extension}`, '// stand-in\n');
  }
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], {
    cwd: staging,
    encoding: 'utf8',
  });
  packed = (JSON.parse(output) as [{ files: PackedFile[] }])[0].files;
});

afterAll(() => {
  rmSync(staging, { recursive: true, force: true });
});

const paths = () => packed.map((file) => file.path);

describe('npm pack', () => {
  it('packs only the CLI, its build, schema, templates, docs, README and LICENSE', () => {
    expect(paths().filter((path) => !ALLOWED.some((pattern) => pattern.test(path)))).toEqual([]);
  });

  it('packs no test, no TypeScript source and no source map', () => {
    expect(paths().filter((path) => /^(test|src|bench|scripts|examples)\/|\.map$/.test(path))).toEqual([]);
  });

  it('packs every documentation page (`--help` sends readers to the docs/ folder of the package)', () => {
    const pages = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(0);
    expect(paths()).toEqual(expect.arrayContaining([...pages.map((page) => `docs/${page}`), 'README.md', 'LICENSE']));
  });

  it('leaves the Japanese pages out (read on GitHub; ~310 KiB, over the budget below)', () => {
    expect(readdirSync(join(root, 'docs', 'ja')).length).toBeGreaterThan(0);
    expect(paths().filter((path) => path.startsWith('docs/ja/'))).toEqual([]);
  });

  it('packs the JSON Schema and the templates init writes from', () => {
    expect(paths()).toContain('schema/hatoba.schema.json');
    const templates = sourceTemplates();
    expect(templates.length).toBeGreaterThan(0);
    expect(paths()).toEqual(expect.arrayContaining(templates));
  });

  it('packs every file that `bin` and `exports` point to, with typings for each code entry', () => {
    const targets = [
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
    ].map((target) => target.replace(/^\.\//, ''));
    expect(paths()).toEqual(expect.arrayContaining(targets));
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(target.types, `exports["${entry}"].types`).toMatch(/\.d\.ts$/);
      expect(target.default?.replace(/\.js$/, '.d.ts'), `exports["${entry}"]`).toBe(target.types);
    }
  });

  it('exports the CLI entry and hatoba/cdk', () => {
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['.', './cdk']));
  });

  it(`keeps docs, schema and templates under ${NON_CODE_BUDGET_BYTES / 1024} KiB`, () => {
    const bytes = packed.filter((file) => !/^dist\//.test(file.path)).reduce((sum, file) => sum + file.size, 0);
    expect(bytes).toBeLessThan(NON_CODE_BUDGET_BYTES);
  });
});

function sourceTemplates(): string[] {
  return readdirSync(join(root, 'templates'), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length).replace(/^\//, ''));
}
