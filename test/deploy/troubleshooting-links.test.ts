import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/causes/catalogue.js';
import { troubleshootingLink } from '../../src/causes/entry.js';

const root = new URL('../../', import.meta.url);

describe('docs/troubleshooting.md', () => {
  it('has an entry for every cause in the catalogue deploy and rehearse report from', async () => {
    expect(CATALOGUE.length).toBeGreaterThan(15);
    const doc = await readFile(new URL('docs/troubleshooting.md', root), 'utf8');
    const missing = CATALOGUE.filter((cause) => {
      const anchor = troubleshootingLink(cause.id).split('#')[1];
      return !doc.includes(`<a id="${anchor}"></a>`);
    }).map((cause) => cause.id);
    expect(missing).toEqual([]);
  });

  it('lists every cause file of src/causes/ in the catalogue, once', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(new URL('src/causes/', root))).filter(
      (f) => f.endsWith('.ts') && f !== 'entry.ts' && f !== 'catalogue.ts',
    );
    const ids = CATALOGUE.map((cause) => cause.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });
});
