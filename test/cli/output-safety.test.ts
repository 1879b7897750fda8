import { spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/cli/command.js';
import { UserError } from '../../src/errors.js';
import { annotate, line, stripControls } from '../../src/report/output.js';
import { runCli } from '../support/cli.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmEvYjpyZWY6cmVmcy9oZWFkcy9tYWluIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const root = fileURLToPath(new URL('../..', import.meta.url));

function capture(): { write(text: string): void; text: string } {
  return {
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

describe('every error path redacts', () => {
  it('a token given to a mistyped flag or as a stray argument is not echoed by the parser', async () => {
    for (const argv of [
      ['config', 'validate', `--tokn=${JWT}`],
      ['policy', JWT],
    ]) {
      const { code, stderr } = await runCli(argv);
      expect(code).toBe(2);
      expect(stderr).not.toContain(JWT);
    }
    expect((await runCli(['config', 'validate', `--tokn=${JWT}`])).stderr).toContain(
      "unknown option '--tokn=[redacted]'",
    );
  });
});

describe('--json on an error path', () => {
  it('prints one JSON error document on stdout as well as the text on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['status', '--json', '--events', 'x']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: --events: "x" is not a count\nhint: Pass e.g. --events 20.\n');
    expect(JSON.parse(stdout)).toEqual({
      error: { message: '--events: "x" is not a count', hint: 'Pass e.g. --events 20.', exitCode: 2 },
    });
  });
});

describe('GitHub workflow commands', () => {
  it('escapes data and properties so input text cannot start a new command', () => {
    const out = capture();
    annotate(out, {
      level: 'error',
      file: 'a,b:c.yml',
      title: 'job "x\n::add-mask::y"',
      // A CR is a control character: removed before escaping, like any other.
      message: 'job deploy\n::add-mask::secret 100%\r',
    });
    expect(out.text).toBe(
      '::error file=a%2Cb%3Ac.yml,title=job "x%0A%3A%3Aadd-mask%3A%3Ay"::job deploy%0A::add-mask::secret 100%25\n',
    );
    expect(out.text.split('\n')).toHaveLength(2);
  });

  it('a printed line from input cannot begin a workflow command on its own line', () => {
    const out = capture();
    line(out, 'job "build\n::add-mask::x"\n  ::error::y');
    expect(out.text).toBe('job "build\n%3A:add-mask::x"\n  %3A:error::y\n');
    expect(out.text.split('\n').some((l) => l.trimStart().startsWith('::'))).toBe(false);
  });
});

describe('terminal control sequences from input files', () => {
  it('are stripped before printing; newlines and tabs stay', () => {
    expect(
      stripControls('a\u001b[2J\u001b[Hb\u001b]0;title\u0007c\u001b]52;c;ZXZpbA==\u001b\\d\te\nf\u0007\u0008\r'),
    ).toBe('abcd\te\nf');
  });

  it('hatoba keeps its own colors in line(), but an input cursor move is removed', () => {
    const out = capture();
    line(out, '\u001b[32m✓\u001b[0m job \u001b[1A\u001b[2Kevil');
    expect(out.text).toBe('\u001b[32m✓\u001b[0m job evil\n');
  });

  it('error messages lose control sequences too', async () => {
    const fromFile = defineCommand({
      name: 'read',
      summary: 'fails with text read from a file',
      configure: () => {},
      run: () => Promise.reject(new UserError('job "a\u001b[2J\u001b]0;pwned\u0007b" is invalid')),
    });
    const { stderr } = await runCli(['read'], { commands: [fromFile] });
    expect(stderr).toBe('error: job "ab" is invalid\n');
  });
});

describe('a failed write to stdout', () => {
  it('`> /dev/full` exits non-zero with one line on stderr', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/hatoba-process.ts', '--help'], {
      cwd: root,
      stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: could not write the output to stdout (ENOSPC)\n');
  });
});
