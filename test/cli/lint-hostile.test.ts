import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/fs/read-input.js';
import { ALIAS_BOMB, BROKEN_YAML, CLEAN, nonRegularEntries, SELF_ALIAS, workflowDir } from '../hostile/workflows.js';
import { runCli } from '../support/cli.js';

type JsonFinding = { rule: string; severity: string; file: string; line: number; message: string };

async function lintJson(dir: string, ...flags: string[]) {
  const result = await runCli(['lint', '--dir', dir, '--json', ...flags], { cwd: dir });
  const findings = result.stdout ? (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings : [];
  return { ...result, findings };
}

describe('hatoba lint with hostile input', () => {
  it('reports a YAML alias bomb as a finding on its file, not a crash', async () => {
    const dir = workflowDir({ 'bomb.yml': ALIAS_BOMB, 'good.yml': CLEAN });
    const result = await lintJson(dir);
    expect(result.stderr).not.toContain('crashed');
    expect(result.code).toBe(1);
    const bomb = result.findings.filter((f) => f.file === 'bomb.yml');
    expect(bomb.map((f) => [f.rule, f.severity])).toEqual([['yaml-aliases', 'error']]);
    expect(bomb[0]?.message).toContain('alias');
  });

  it.each([[], ['--no-actionlint']])(
    'reports an alias inside its own anchor as a finding, not a crash (%s)',
    async (...flags) => {
      const dir = workflowDir({ 'self.yml': SELF_ALIAS });
      const result = await lintJson(dir, ...flags);
      expect(result.stderr).not.toContain('crashed');
      expect(result.code).toBe(1);
      expect(result.findings.map((f) => [f.rule, f.line])).toEqual([['yaml-aliases', 6]]);
      expect(result.findings[0]?.message).toContain('*a');
    },
  );

  it.each([[], ['--no-actionlint']])('reports invalid YAML with its line, never a pass (%s)', async (...flags) => {
    const dir = workflowDir({ 'broken.yml': BROKEN_YAML });
    const result = await lintJson(dir, ...flags);
    expect(result.stderr).not.toContain('crashed');
    expect(result.code).toBe(1);
    expect(result.findings.map((f) => f.rule)).toContain('yaml-syntax');
    expect(result.findings.every((f) => f.line > 1)).toBe(true);
  });

  it('skips what is not a regular file (loops, dangling links, directories, FIFOs) and says so', async () => {
    const dir = nonRegularEntries();
    const result = await lintJson(dir, '--no-actionlint');
    expect(result.stderr).not.toContain('crashed');
    const skipped = result.findings.filter((f) => f.rule === 'skipped-file');
    expect(skipped.map((f) => f.file).sort()).toEqual([
      'dangling.yml',
      'fifo.yml',
      'folder.yml',
      'loop-a.yml',
      'loop-b.yml',
    ]);
    expect(skipped.find((f) => f.file === 'fifo.yml')?.message).toContain('not a regular file');
    expect(skipped.find((f) => f.file === 'loop-a.yml')?.message).toContain('symbolic link loop');
    expect(skipped.find((f) => f.file === 'dangling.yml')?.message).toContain('no such file');
    expect(skipped.find((f) => f.file === 'folder.yml')?.message).toContain('directory');
    expect(result.code).toBe(1);
  }, 10_000);

  it('refuses a workflow over the input limit without reading it whole', async () => {
    const dir = workflowDir({ 'good.yml': CLEAN });
    writeFileSync(join(dir, 'huge.yml'), `on: push\n#${'x'.repeat(INPUT_LIMITS.configBytes)}\n`);
    const result = await lintJson(dir, '--no-actionlint');
    expect(result.code).toBe(1);
    expect(result.findings.map((f) => [f.rule, f.file, f.severity])).toEqual([['skipped-file', 'huge.yml', 'error']]);
    expect(result.findings[0]?.message).toContain('1 MiB');
  });

  it('strips terminal control sequences from text that comes from the workflow', async () => {
    const job = 'evil\u001b]0;pwned\u0007\u001b[2J';
    const dir = workflowDir({
      'deploy.yml': `on: push\npermissions: {}\njobs:\n  "${job.replaceAll('\u001b', '\\e').replaceAll('\u0007', '\\a')}":\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: "arn:aws:iam::123456789012:role/x", aws-region: eu-west-1 }\n`,
    });
    const result = await runCli(['lint', '--dir', dir, '--no-actionlint'], { cwd: dir });
    expect(result.stdout).toContain('job "evil]0;pwned[2J"');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
