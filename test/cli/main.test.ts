import { EventEmitter } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands/index.js';
import { UserError } from '../../src/errors.js';
import { version } from '../../src/version.js';
import { runCli } from '../support/cli.js';
import { MINIMAL_CONFIG } from '../support/config.js';

const failing = (error: unknown) =>
  defineCommand({
    name: 'boom',
    summary: 'throws',
    configure: () => {},
    run: () => Promise.reject(error),
  });

describe('hatoba CLI', () => {
  it('lists every command in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const spec of commands) expect(stdout).toContain(spec.name);
  });

  it('prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version());
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await runCli(['deploi'])).code).toBe(2);
    const { code, stderr } = await runCli(['config', 'validate', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--colour'");
  });

  it('suggests the option meant when a long option is cut short or mistyped, for every command', async () => {
    // Too far from --registry-image for an edit distance, but the start of one of its words.
    const cut = await runCli(['rehearse', '--imag', 'x']);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toBe("error: unknown option '--imag'\n(Did you mean --registry-image?)\n");
    // A required option (deploy --image) must not hide the mistyped one that was meant to give it.
    const typo = await runCli(['deploy', '--imag', 'x']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("error: unknown option '--imag'\n(Did you mean --image?)\n");
    // Several options share the word: all of them are offered.
    const shared = await runCli(['rehearse', '--registry']);
    expect(shared.stderr).toBe(
      "error: unknown option '--registry'\n(Did you mean one of --keep-registry-data, --registry-image?)\n",
    );
    // Nothing close: no guess.
    expect((await runCli(['rehearse', '--zzz'])).stderr).toBe("error: unknown option '--zzz'\n");
  });

  it('prints a user error with its hint and no stack trace, exit 2', async () => {
    const { code, stderr } = await runCli(['boom'], {
      commands: [failing(new UserError('--image: "latest" is not an image reference', 'Pass URI@sha256:…'))],
    });
    expect(code).toBe(2);
    expect(stderr).toBe('error: --image: "latest" is not an image reference\nhint: Pass URI@sha256:…\n');
  });

  it('shows the stack of a user error with --debug or HATOBA_DEBUG=1', async () => {
    const spec = [failing(new UserError('bad flag'))];
    expect((await runCli(['boom', '--debug'], { commands: spec })).stderr).toMatch(/at .*main\.test\.ts/);
    expect((await runCli(['boom'], { commands: spec, env: { HATOBA_DEBUG: '1' } })).stderr).toMatch(/UserError/);
  });

  it('reports an unexpected error as a bug with its stack, exit 70', async () => {
    const { code, stderr } = await runCli(['boom'], { commands: [failing(new TypeError('x is undefined'))] });
    expect(code).toBe(70);
    expect(stderr).toMatch(/this is a bug[\s\S]*TypeError: x is undefined\n\s+at /);
  });

  it('never prints a token, even inside an error message', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmEvYjpyZWY6cmVmcy9oZWFkcy9tYWluIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const { stderr } = await runCli(['boom'], { commands: [failing(new UserError(`token ${jwt} rejected`))] });
    expect(stderr).not.toContain(jwt);
    expect(stderr).toContain('[redacted]');
  });

  it('prints "Interrupted" and exits 130 on Ctrl-C', async () => {
    const signals = new EventEmitter();
    const waiting = defineCommand({
      name: 'wait',
      summary: 'waits until aborted',
      configure: () => {},
      run: (_options, context) =>
        new Promise<number>((resolve) => context.signal.addEventListener('abort', () => resolve(0))),
    });
    const result = runCli(['wait'], { commands: [waiting], signals });
    setTimeout(() => signals.emit('SIGINT'), 10);
    const { code, stderr } = await result;
    expect(code).toBe(130);
    expect(stderr).toBe('Interrupted\n');
  });
});

describe('hatoba config', () => {
  const example = MINIMAL_CONFIG;

  async function project(text: string) {
    const dir = await mkdtemp(join(tmpdir(), 'hatoba-config-'));
    await writeFile(join(dir, 'hatoba.yml'), text);
    return dir;
  }

  it('validate --json prints the resolved config as one JSON document', async () => {
    const cwd = await project(example);
    const { code, stdout } = await runCli(['config', 'validate', '--json', '--region', 'us-east-1'], { cwd });
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(document).toMatchObject({
      valid: true,
      file: join(cwd, 'hatoba.yml'),
      config: { app: 'hello-service', aws: { region: 'us-east-1', partition: 'aws' }, ecs: { cpu: 256 } },
      overrides: { 'aws.region': { source: 'flag', name: '--region' } },
    });
  });

  it('validate --json lists every problem and exits 1', async () => {
    const cwd = await project(example.replace('eu-west-1', 'eu-west-9').replace("'123456789012'", "'1'"));
    const { code, stdout } = await runCli(['config', 'validate', '--json'], { cwd });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      valid: false,
      file: 'hatoba.yml',
      problemCount: 2,
      problems: [
        {
          path: 'aws.account',
          message: '"1" is not an AWS account id (exactly 12 digits)',
          line: 5,
          localized: { message: '"1" is not an AWS account id (exactly 12 digits)' },
        },
        {
          path: 'aws.region',
          message: '"eu-west-9" is not an AWS Region with Fargate (e.g. us-east-1, ap-northeast-1)',
          line: 6,
          localized: { message: '"eu-west-9" is not an AWS Region with Fargate (e.g. us-east-1, ap-northeast-1)' },
        },
      ],
    });
  });

  it('finds hatoba.yml in a parent directory', async () => {
    const cwd = await project(example);
    const nested = join(cwd, 'src', 'deep');
    await import('node:fs/promises').then((fs) => fs.mkdir(nested, { recursive: true }));
    const { code, stdout } = await runCli(['config', 'validate'], { cwd: nested });
    expect(code).toBe(0);
    expect(stdout).toContain(`✓ ${join(cwd, 'hatoba.yml')} is valid`);
  });

  it('says how to create a config when there is none (exit 2)', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'hatoba-empty-'));
    const { code, stderr } = await runCli(['config', 'validate'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: No hatoba.yml in ${cwd} or any parent directory\nhint: Run \`hatoba init\` to create one, or pass --config FILE.\n`,
    );
  });

  it('schema prints the JSON Schema', async () => {
    const { code, stdout } = await runCli(['config', 'schema']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ title: 'hatoba.yml', required: ['app', 'github', 'aws'] });
  });
});
