import bcrypt from 'bcryptjs';
import { afterEach, describe, expect, it } from 'vitest';
import { bcryptEntry } from '../../src/rehearse/registry.js';

describe('bcryptEntry', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('writes a bcrypt htpasswd line in-process, with no htpasswd program on PATH', async () => {
    process.env.PATH = '/nonexistent';
    const entry = await bcryptEntry('AWS', 'pa55-word');
    expect(entry).toMatch(/^AWS:\$2b\$10\$[./A-Za-z0-9]{53}\n$/);
    const hash = entry.trim().slice('AWS:'.length);
    expect(bcrypt.compareSync('pa55-word', hash)).toBe(true);
    expect(bcrypt.compareSync('wrong', hash)).toBe(false);
  });
});
