/**
 * Hostile workflow inputs, generated so each test states its own size: alias bombs, broken YAML, huge files, and
 * directories with things in them that are not regular files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** "Billion laughs": nine levels of nine aliases each, a few hundred bytes that expand to 9^7 strings. */
export const ALIAS_BOMB = `on: push
x:
  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

/** A job whose steps alias the job itself: as data it contains itself, without end. */
export const SELF_ALIAS = `on: push
jobs:
  test: &a
    runs-on: ubuntu-latest
    steps:
      - run: [*a]
`;

/** An unclosed flow sequence on line 4. */
export const BROKEN_YAML = 'on: push\njobs:\n  a:\n    runs-on: [ubuntu-latest\n    steps:\n      - run: "x\n';

/** A valid workflow with nothing to find. */
export const CLEAN =
  'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';

const ROLE_JOB_HEAD = `on: push
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: aws-actions/configure-aws-credentials@8df5847569e6427dd6c4fb1cf565c83acfa8afa7 # v6.0.0
        with:
          role-to-assume: \${{ vars.AWS_ROLE_ARN }}
          aws-region: eu-west-1
`;

/** One role-assuming job with `steps` more SHA-pinned checkout steps (~77 bytes each). */
export function manySteps(steps: number): string {
  const step = '      - uses: actions/checkout@df4cb1c069e1874edd31b4311f1884172cec0e10 # v4.2.2\n';
  return ROLE_JOB_HEAD + step.repeat(steps);
}

/** `jobs` role-assuming jobs, each guarded and needing the one before (a chain as long as the file). */
export function jobChain(jobs: number): string {
  let text = 'on: push\npermissions: {}\njobs:\n';
  for (let i = 0; i < jobs; i++) {
    text +=
      `  j${i}:\n    runs-on: ubuntu-latest\n` +
      (i > 0 ? `    needs: j${i - 1}\n    if: github.ref == 'refs/heads/main'\n` : '') +
      '    permissions:\n      id-token: write\n    steps:\n' +
      '      - uses: aws-actions/configure-aws-credentials@8df5847569e6427dd6c4fb1cf565c83acfa8afa7 # v6.0.0\n' +
      `        with: { role-to-assume: "\${{ vars.AWS_ROLE_ARN }}", aws-region: eu-west-1 }\n`;
  }
  return text;
}

/** A fresh directory holding `files` (name → content). */
export function workflowDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hatoba-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Everything in a workflows directory that is not a regular file, next to one good workflow. */
export function nonRegularEntries(): string {
  const dir = workflowDir({ 'good.yml': CLEAN });
  symlinkSync('loop-b.yml', join(dir, 'loop-a.yml'));
  symlinkSync('loop-a.yml', join(dir, 'loop-b.yml'));
  symlinkSync('missing.yml', join(dir, 'dangling.yml'));
  mkdirSync(join(dir, 'folder.yml'));
  execFileSync('mkfifo', [join(dir, 'fifo.yml')]);
  return dir;
}
