import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Catalogue, placeholders } from '../../src/i18n/catalogue.js';
import { GLOSSARY } from '../../src/i18n/glossary.js';
import { LANGUAGES } from '../../src/i18n/language.js';

const dir = fileURLToPath(new URL('../../src/i18n/messages/', import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith('.ts'));

/** Every catalogue exported by every module under src/i18n/messages/. */
const catalogues: [string, Catalogue<string>][] = (
  await Promise.all(
    files.map(async (file) => {
      const module = (await import(`../../src/i18n/messages/${file}`)) as Record<string, unknown>;
      return Object.entries(module)
        .filter(([, value]) => typeof value === 'object' && value !== null && 'en' in value)
        .map(([name, value]): [string, Catalogue<string>] => [`${file} ${name}`, value as Catalogue<string>]);
    }),
  )
).flat();

// Texts that are only placeholders or punctuation around them: the same in every language.
const CODE_ONLY = new Set(['problem.list', 'problem.verbatim', 'config.problem']);

describe('message catalogues', () => {
  it('finds one catalogue in each module', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(catalogues.map(([name]) => name.split(' ')[0]).sort()).toEqual([...files].sort());
  });

  describe.each(catalogues)('%s', (_name, catalogue) => {
    const keys = Object.keys(catalogue.en);

    it('has the same keys in every language', () => {
      for (const lang of LANGUAGES) expect(Object.keys(catalogue[lang]).sort()).toEqual([...keys].sort());
    });

    it('has the same placeholders per key in every language', () => {
      for (const key of keys) {
        for (const lang of LANGUAGES) {
          expect([key, placeholders(catalogue[lang][key] ?? '')]).toEqual([key, placeholders(catalogue.en[key] ?? '')]);
        }
      }
    });

    it('has no empty Japanese text, and none left in English unless it is code only', () => {
      for (const key of keys) {
        const ja = catalogue.ja[key] ?? '';
        expect(ja.trim(), key).not.toBe('');
        if (!CODE_ONLY.has(key)) expect(ja, key).not.toBe(catalogue.en[key]);
      }
    });

    it("uses the glossary's spellings in Japanese", () => {
      for (const key of keys) {
        for (const { avoid, ja } of GLOSSARY) {
          expect(`${key}: ${catalogue.ja[key]}`, `write ${ja}`).not.toMatch(avoid);
        }
      }
    });
  });
});
