import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleBaseImage } from '../support/example.js';

const script = readFileSync(new URL('../../scripts/ci-setup.sh', import.meta.url), 'utf8');

function setting(name: string): string {
  const value = new RegExp(`^\\s*local ${name}=([\\w.]+)`, 'm').exec(script)?.[1];
  if (value === undefined) throw new Error(`scripts/ci-setup.sh sets no ${name}`);
  return value;
}

describe('scripts/ci-setup.sh', () => {
  it('stands in for exactly the base image the example Dockerfile names', () => {
    const major = setting('node_version').split('.')[0];
    expect(`node:${major}-${setting('debian_suite')}-slim`).toBe(exampleBaseImage());
  });

  it('works sourced and executed, and keeps strict mode out of the sourcing shell', () => {
    expect(script).toContain('hatoba_ci_setup() (\n  set -euo pipefail');
    expect(script).toMatch(/if \[\[ \$\{BASH_SOURCE\[0\]\} == "\$0" \]\]; then/);
  });
});
