import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { configReferenceMarkdown } from '../../src/config/reference.js';

describe('schema/hatoba.schema.json', () => {
  it('matches the zod schema (regenerate with `npm run schema`)', async () => {
    const checkedIn = JSON.parse(await readFile(new URL('../../schema/hatoba.schema.json', import.meta.url), 'utf8'));
    expect(checkedIn).toEqual(configJsonSchema());
  });

  it('docs/configuration.md matches the schema (regenerate with `npm run schema`)', async () => {
    const checkedIn = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    expect(checkedIn).toBe(configReferenceMarkdown());
  });

  it('describes every property, so editors can explain each key', () => {
    const undocumented: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const { properties } = node as { properties?: Record<string, { description?: string }> };
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (!child.description) undocumented.push(`${path}${key}`);
        visit(child, `${path}${key}.`);
      }
    };
    visit(configJsonSchema(), '');
    expect(undocumented).toEqual([]);
  });
});
