import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(new URL(dir, root), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name, '/')) : [join(dir, e.name)])),
  );
  return nested.flat().filter((f) => f.endsWith('.ts'));
}

describe('docs/troubleshooting.md', () => {
  it('has an entry for every deploy cause id the diagnosis can report', async () => {
    const files = await sourceFiles('src/deploy/');
    const ids = new Set<string>();
    for (const file of files) {
      const text = await readFile(new URL(file, root), 'utf8');
      for (const match of text.matchAll(/\bid: '([a-z-]+)'/g)) ids.add(match[1] as string);
    }
    expect(ids.size).toBeGreaterThan(15);
    const doc = await readFile(new URL('docs/troubleshooting.md', root), 'utf8');
    const missing = [...ids].filter((id) => !doc.includes(`<a id="deploy-${id}"></a>`));
    expect(missing).toEqual([]);
  });
});
