import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pkg = readJson('package.json') as {
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;
/**
 * Archives and packages belong in a registry or a release, not in the history of every clone. A single gzipped file
 * is not one of them: CloudTrail delivers its logs as `.json.gz`, and a test fixture keeps that form.
 */
const ARCHIVE = /\.(deb|rpm|apk|tgz|tar|tar\.\w+|zip|jar|7z|whl|exe|dmg|iso)$/i;
// A JavaScript action runs from its committed files (no install step), so its bundle must be in git; its own budget
// keeps the deploy step's download small.
const ACTION_BUNDLE = 'action/dist/index.cjs';
const MAX_ACTION_BUNDLE_BYTES = 6 * 1024 * 1024;
const MAX_TRACKED_BYTES = 1024 * 1024;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('package.json and package-lock.json agree', () => {
  it('the lock root entry records exactly the ranges package.json declares', () => {
    const lockRoot = readJson('package-lock.json').packages[''] as Record<string, Record<string, string> | undefined>;
    for (const field of DEPENDENCY_FIELDS) {
      expect(lockRoot[field] ?? {}, `package-lock.json root ${field}`).toEqual(pkg[field] ?? {});
    }
  });

  it('every locked version satisfies its range (npm ls --package-lock-only)', () => {
    const result = spawnSync('npm', ['ls', '--package-lock-only', '--depth=0', '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const tree = JSON.parse(result.stdout) as { problems?: string[] };
    expect(tree.problems ?? []).toEqual([]);
    expect(result.status).toBe(0);
  });
});

describe('tracked files', () => {
  it('no binary archive or package is committed', () => {
    expect(trackedFiles().filter((path) => ARCHIVE.test(path))).toEqual([]);
  });

  it('no committed file is larger than 1 MiB, except the action bundle GitHub runs from the repository', () => {
    const large = trackedFiles().filter((path) => {
      const full = join(root, path);
      const limit = path === ACTION_BUNDLE ? MAX_ACTION_BUNDLE_BYTES : MAX_TRACKED_BYTES;
      return existsSync(full) && statSync(full).size > limit;
    });
    expect(large).toEqual([]);
  });
});

describe('npm scripts', () => {
  it('every file a script runs with tsx or node exists', () => {
    const missing = Object.entries(pkg.scripts).flatMap(([name, command]) =>
      [...command.matchAll(/\b(?:tsx|node) ([\w./-]+\.[cm]?[jt]s)\b/g)]
        .map((match) => match[1] as string)
        .filter((file) => !existsSync(join(root, file)))
        .map((file) => `${name}: ${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('the CI and quick-start scripts install with `npm ci` from the committed lock', () => {
    for (const script of ['.ci/run', 'scripts/quickstart.sh']) {
      const text = readFileSync(join(root, script), 'utf8');
      expect(text, script).toMatch(/^npm ci\b/m);
      expect(text, script).not.toMatch(/^npm install\b/m);
    }
  });
});
