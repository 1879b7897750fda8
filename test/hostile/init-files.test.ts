import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const FLAGS = ['--account', '123456789012', '--region', 'eu-west-1'];
let base: string;
let dir: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'hatoba-init-files-'));
  dir = join(base, 'repo');
  await mkdir(dir);
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['remote', 'add', 'origin', 'https://github.com/example-org/hello-service.git'], { cwd: dir });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const read = (path: string) => readFile(join(dir, path), 'utf8');

describe('hatoba init with a package.json it cannot use', () => {
  for (const [what, text] of [
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['invalid JSON', '{ name: '],
  ] as const) {
    it(`${what}: exit 2 naming package.json, nothing written`, async () => {
      await writeFile(join(dir, 'package.json'), text);
      const result = await runCli(['init', ...FLAGS], { cwd: dir });
      expect(result.stderr).not.toContain('crashed');
      expect(result.stderr).toContain('package.json');
      expect(result.code).toBe(2);
      expect((await readdir(dir)).sort()).toEqual(['.git', 'package.json']);
    });
  }

  it('a directory named package.json: exit 2', async () => {
    await mkdir(join(dir, 'package.json'));
    const result = await runCli(['init', ...FLAGS], { cwd: dir });
    expect(result.stderr).toContain('package.json is a directory');
    expect(result.code).toBe(2);
  });
});

describe('hatoba init where a file or directory is in the way', () => {
  it('hatoba.yml is a directory: exit 2 naming it', async () => {
    await mkdir(join(dir, 'hatoba.yml'));
    const result = await runCli(['init', ...FLAGS], { cwd: dir });
    expect(result.stderr).not.toContain('crashed');
    expect(result.stderr).toContain('hatoba.yml is a directory');
    expect(result.code).toBe(2);
  });

  it('.github/workflows is a file: exit 2 naming it, and hatoba.yml is not written either', async () => {
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/workflows'), 'oops\n');
    const result = await runCli(['init', ...FLAGS], { cwd: dir });
    expect(result.stderr).not.toContain('crashed');
    expect(result.stderr).toContain('.github/workflows is not a directory');
    expect(result.code).toBe(2);
    expect((await readdir(dir)).sort()).toEqual(['.git', '.github']);
  });
});

describe('hatoba init writes only inside the project', () => {
  it('build.context outside the repository: exit 2 naming the key and the path, the outside file kept', async () => {
    const outside = join(base, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, '.dockerignore'), 'precious\n');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'hello-service' }));
    await writeFile(
      join(dir, 'hatoba.yml'),
      'app: hello-service\ngithub:\n  repository: example-org/hello-service\n  branches: [main]\n' +
        "aws:\n  account: '123456789012'\n  region: eu-west-1\nbuild:\n  context: ../outside\n",
    );
    const before = await read('hatoba.yml');
    const result = await runCli(['init', '--force'], { cwd: dir });
    expect(result.stderr).toContain('build.context');
    expect(result.stderr).toContain(join(outside, 'Dockerfile'));
    expect(result.stderr).toContain('outside the project');
    expect(result.code).toBe(2);
    expect(await readFile(join(outside, '.dockerignore'), 'utf8')).toBe('precious\n');
    expect(await readdir(outside)).toEqual(['.dockerignore']);
    expect(await read('hatoba.yml')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(['.git', 'hatoba.yml', 'package.json']);
  });
});

describe('hatoba init --force on a commented hatoba.yml', () => {
  it('keeps the inline comments of the keys it rewrites', async () => {
    await writeFile(
      join(dir, 'hatoba.yml'),
      '# the service\napp: hello-service # names the stacks\ngithub:\n  repository: example-org/hello-service\n' +
        "  branches: [main] # release branch\naws:\n  account: '123456789012' # prod account\n" +
        '  region: eu-west-1 # Ireland for now\n',
    );
    const result = await runCli(['init', '--force', '--region', 'eu-central-1', '--branch', 'release'], { cwd: dir });
    expect(result.code).toBe(0);
    const text = await read('hatoba.yml');
    expect(text).toContain('# the service');
    expect(text).toContain('app: hello-service # names the stacks');
    expect(text).toContain("account: '123456789012' # prod account");
    expect(text).toContain('region: eu-central-1 # Ireland for now');
    expect(text).toContain('branches: [release] # release branch');
  });
});

describe('hatoba init reading the remote', () => {
  it('an upper-case remote URL: the repository is found, with a warning that its case must match GitHub', async () => {
    execFileSync('git', ['remote', 'set-url', 'origin', 'HTTPS://GITHUB.COM/ORG/SVC.GIT'], { cwd: dir });
    const result = await runCli(['init', ...FLAGS, '--app', 'svc'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await read('hatoba.yml')).toContain('repository: ORG/SVC');
    expect(result.stdout).toContain('IAM compares it case-sensitively');
  });

  it('a remote that is not GitHub: exit 2 saying so and naming --repository', async () => {
    execFileSync('git', ['remote', 'set-url', 'origin', 'https://gitlab.com/org/svc.git'], { cwd: dir });
    const result = await runCli(['init', ...FLAGS, '--app', 'svc'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('hatoba init needs --repository');
    expect(result.stderr).toContain(
      'origin is https://gitlab.com/org/svc.git, not a github.com repository; pass --repository owner/name',
    );
  });

  it.skipIf(process.getuid?.() !== 0)(
    "git's dubious-ownership refusal is shown with the safe.directory fix",
    async () => {
      execFileSync('chown', ['-R', '12345', dir]);
      const result = await runCli(['init', ...FLAGS, '--app', 'svc'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('detected dubious ownership in repository');
      expect(result.stderr).toContain(`git config --global --add safe.directory ${dir}`);
    },
  );
});
