import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/limits.md lists every limit hatoba enforces. A limit is an exported constant named MAX_…, …LIMIT(S)…,
// …TIMEOUT… or …RESERVE… with a number (or a table of numbers) as its value; each must appear on the page with its
// number, so a new limit without docs fails here.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = readFileSync(join(ROOT, 'docs/limits.md'), 'utf8');
const LIMIT_NAME = /(^MAX_|LIMIT|TIMEOUT|RESERVE)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function exportedLimits(): { file: string; name: string }[] {
  return sources(join(ROOT, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^export const ([A-Z][A-Z0-9_]*) = [\d{]/gm)]
      .map((match) => match[1] ?? '')
      .filter((name) => LIMIT_NAME.test(name))
      .map((name) => ({ file, name })),
  );
}

describe('docs/limits.md', () => {
  const limits = exportedLimits();

  it('finds the limits it is meant to find', () => {
    expect(limits.map((l) => l.name)).toEqual(
      expect.arrayContaining([
        'INPUT_LIMITS',
        'AWS_LIMITS',
        'TASK_DEFINITION_RESERVE_BYTES',
        'MAX_ALIAS_COUNT',
        'MAX_PROBLEMS',
        'MAX_POLICY_DEPTH',
        'QUOTE_LIMIT',
        'DEFAULT_CALL_TIMEOUT_MS',
        'CONNECT_TIMEOUT_MS',
        'ATTEMPT_TIMEOUT_MS',
      ]),
    );
  });

  it('names every exported limit with its number', async () => {
    const missing: string[] = [];
    for (const { file, name } of limits) {
      const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const value = module[name];
      const entries: [string, unknown][] =
        typeof value === 'object' && value !== null
          ? Object.entries(value).map(([key, v]) => [`${name}.${key}`, v])
          : [[name, value]];
      for (const [label, number] of entries) {
        const shown = typeof number === 'number' ? number.toLocaleString('en') : String(number);
        const row = PAGE.split('\n').find((line) => line.includes(`\`${label}\``));
        if (row === undefined || !row.includes(shown)) {
          missing.push(`${label} = ${shown} (${relative(ROOT, file)})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
