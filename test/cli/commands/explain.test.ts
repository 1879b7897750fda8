import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/cli.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const at = (path: string) => join(fixtures, path);
const TRUST = at('iam/trust-main.json');
const SUB = 'token.actions.githubusercontent.com:sub';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token shaped like GitHub's, signed with nonsense: explain decodes and never verifies. */
function token(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'RS256', typ: 'JWT', kid: '38826b17' })}.${base64url(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

function stdin(text: string | Buffer) {
  vi.spyOn(process, 'stdin', 'get').mockReturnValue(
    Readable.from([Buffer.from(text)]) as unknown as typeof process.stdin,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hatoba explain', () => {
  it('explains a denied CloudTrail event against a trust policy file', async () => {
    const { code, stdout, stderr } = await runCli([
      'explain',
      '--event',
      at('cloudtrail/denied-environment.json'),
      '--trust-policy',
      TRUST,
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('✗ denied');
    expect(stdout).toContain('role        arn:aws:iam::123456789012:role/web-github-deploy');
    expect(stdout).toContain('CloudTrail  AccessDenied: An unknown error occurred');
    expect(stdout).toContain(
      `StringEquals ${SUB}\n      expected  repo:octo-org/web:ref:refs/heads/main\n      actual    repo:octo-org/web:environment:production`,
    );
    expect(stdout).toMatch(/hint: The job declares `environment: production`/);
  });

  it('prints one JSON document with the documented shape', async () => {
    const { code, stdout } = await runCli([
      'explain',
      '--event',
      at('cloudtrail/trail.json'),
      '--trust-policy',
      TRUST,
      '--json',
    ]);
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    expect(Object.keys(document)).toEqual(['trustPolicy', 'warnings', 'results']);
    expect(document.results).toHaveLength(2);
    expect(document.results[0]).toMatchObject({
      roleArn: 'arn:aws:iam::123456789012:role/web-github-deploy',
      claims: { sub: 'repo:octo-org/web:pull_request', aud: 'sts.amazonaws.com' },
      verdict: 'denied',
      failures: [
        {
          key: SUB,
          operator: 'StringEquals',
          expected: ['repo:octo-org/web:ref:refs/heads/main'],
          actual: 'repo:octo-org/web:pull_request',
        },
      ],
    });
    expect(document.results[0].hints.length).toBeGreaterThan(0);
    expect(document.results[1]).toMatchObject({ verdict: 'allowed', failures: [], event: { errorCode: null } });
  });

  it('reads gzipped CloudTrail log files', async () => {
    const { code, stdout } = await runCli([
      'explain',
      '--event',
      at('cloudtrail/trail.json.gz'),
      '--trust-policy',
      TRUST,
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results.map((r: { verdict: string }) => r.verdict)).toEqual(['denied', 'allowed']);
  });

  it('reads the event from stdin', async () => {
    stdin(`{"Records": [${readFileSync(at('cloudtrail/denied-case.json'), 'utf8')}]}`);
    const { code, stdout } = await runCli(['explain', '--event', '-', '--trust-policy', TRUST, '--json']);
    expect(code).toBe(0);
    const [result] = JSON.parse(stdout).results;
    expect(result.origin).toBe('--event (stdin)#0');
    expect(result.hints.join('\n')).toMatch(/letter case/);
  });

  it('reads the trust policy from aws iam get-role output, plain or URL-encoded, and from stdin', async () => {
    for (const file of ['iam/get-role.json', 'iam/get-role-encoded.json']) {
      const { stdout } = await runCli([
        'explain',
        '--event',
        at('cloudtrail/denied-environment.json'),
        '--trust-policy',
        at(file),
        '--json',
      ]);
      expect(JSON.parse(stdout).results[0].failures[0].expected).toEqual(['repo:octo-org/web:ref:refs/heads/main']);
    }
    stdin(readFileSync(at('iam/get-role.json')));
    const { stdout } = await runCli([
      'explain',
      '--sub',
      'repo:octo-org/web:ref:refs/heads/main',
      '--trust-policy',
      '-',
      '--json',
    ]);
    expect(JSON.parse(stdout).results[0].verdict).toBe('allowed');
  });

  it('explains a lookup-events audience failure', async () => {
    const { stdout } = await runCli([
      'explain',
      '--event',
      at('cloudtrail/lookup-events.json'),
      '--trust-policy',
      at('iam/get-role.json'),
    ]);
    expect(stdout).toContain('CloudTrail  InvalidIdentityTokenException: Incorrect token audience');
    expect(stdout).toMatch(/sts\.amazon\.com looks like a typo of sts\.amazonaws\.com/);
    expect(stdout).toMatch(/ClientIDList/);
  });

  it('warns about duplicate condition operators and evaluates as IAM does', async () => {
    const { stdout } = await runCli([
      'explain',
      '--sub',
      'repo:evil/fork:pull_request',
      '--trust-policy',
      at('iam/trust-duplicate-condition.txt'),
    ]);
    expect(stdout).toMatch(/^warning: .*"StringEquals" twice; IAM keeps only the last one/);
    expect(stdout).toContain('✓ allowed');
  });

  it('checks --sub and --aud', async () => {
    const { code, stdout } = await runCli([
      'explain',
      '--sub',
      'repo:octo-org/web:ref:refs/heads/main',
      '--aud',
      'sts.amazon.com',
      '--trust-policy',
      TRUST,
      '--json',
    ]);
    expect(code).toBe(0);
    const [result] = JSON.parse(stdout).results;
    expect(result).toMatchObject({ verdict: 'denied', claims: { aud: 'sts.amazon.com' } });
    expect(result.failures.map((f: { key: string }) => f.key)).toEqual(['token.actions.githubusercontent.com:aud']);
  });

  it('decodes --token without verifying it and never prints it', async () => {
    const jwt = token({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/web:environment:production',
      repository: 'octo-org/web',
      environment: 'production',
      exp: 1_791_000_000,
    });
    const args = [
      'explain',
      '--token',
      jwt,
      '--role-arn',
      'arn:aws:iam::123456789012:role/web-github-deploy',
      '--trust-policy',
      TRUST,
    ];
    const human = await runCli(args);
    const json = await runCli([...args, '--json']);
    for (const { code, stdout, stderr } of [human, json]) {
      expect(code).toBe(0);
      expect(stdout + stderr).not.toContain(jwt.split('.')[1]);
      expect(stdout).toContain('repo:octo-org/web:environment:production');
    }
    const stdout = json.stdout;
    expect(JSON.parse(stdout).results[0].claims.provider).toBe(
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
    );
  });

  it('uses the trust policy generated from hatoba.yml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hatoba-explain-'));
    writeFileSync(
      join(dir, 'hatoba.yml'),
      "app: web\ngithub:\n  repository: octo-org/web\n  environment: production\naws:\n  account: '123456789012'\n  region: eu-west-1\n",
    );
    const { code, stdout } = await runCli(['explain', '--event', at('cloudtrail/denied-environment.json'), '--json'], {
      cwd: dir,
    });
    expect(code).toBe(0);
    const document = JSON.parse(stdout);
    // Named as the user would type it from where they stand.
    expect(document.trustPolicy).toBe('the trust policy generated from hatoba.yml');
    expect(document.results[0]).toMatchObject({ verdict: 'allowed', failures: [] });
  });

  it.each([
    [['explain', '--trust-policy', TRUST], /explain needs the claims to check/],
    [['explain', '--sub', 'a', '--event', 'b', '--trust-policy', TRUST], /give only one of --event, --sub and --token/],
    [['explain', '--event', 'missing.json', '--trust-policy', TRUST], /--event missing\.json: no such file/],
    [
      ['explain', '--event', at('iam/trust-main.json'), '--trust-policy', TRUST],
      /--event .*trust-main\.json is not a CloudTrail event/,
    ],
    [['explain', '--sub', 'a', '--trust-policy', 'missing.json'], /--trust-policy missing\.json: no such file/],
    [
      ['explain', '--sub', 'a', '--trust-policy', at('cloudtrail/trail.json')],
      /--trust-policy .*trail\.json: the policy has no "Statement"/,
    ],
    [['explain', '--token', 'not-a-token', '--trust-policy', TRUST], /--token is not a JWT/],
    [['explain', '--aud', 'x', '--token', 'a.b.c', '--trust-policy', TRUST], /--aud goes with --sub/],
    [['explain', '--event', '-', '--trust-policy', '-'], /cannot both read standard input/],
    [['explain', '--sub', 'a'], /explain needs a trust policy: pass --trust-policy FILE/],
  ])('exits 2 on bad input: %j', async (argv, message) => {
    const { code, stdout, stderr } = await runCli(argv, { cwd: tmpdir() });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('stops a gzip bomb at the event limit with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hatoba-explain-'));
    const bomb = join(dir, 'bomb.json.gz');
    // 65 MiB of spaces compress to about 65 KB: the file passes the size check, its content must not.
    writeFileSync(bomb, gzipSync(Buffer.alloc(65 * 1024 * 1024, 0x20), { level: 1 }));
    const { code, stdout, stderr } = await runCli(['explain', '--event', bomb, '--trust-policy', TRUST]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/--event .*bomb\.json\.gz decompresses to more than hatoba reads \(64 MiB\)/);
    expect(stderr).not.toMatch(/crashed|\n\s+at /);
  });

  it('quotes a long bad value by a short prefix only', async () => {
    const long = `arn:aws:iam::123456789012:role/${'x'.repeat(5000)} `;
    const { stdout } = await runCli([
      'explain',
      '--sub',
      'repo:o/r:pull_request',
      '--role-arn',
      long,
      '--trust-policy',
      TRUST,
    ]);
    expect(stdout).toMatch(/"arn:aws:iam::123456789012:role\/x+"… is not an IAM role ARN/);
    const hint = stdout.split('\n').find((text) => text.includes('is not an IAM role ARN')) ?? '';
    expect(hint).not.toContain('x'.repeat(200));

    const dir = mkdtempSync(join(tmpdir(), 'hatoba-explain-'));
    const policy = join(dir, 'trust.json');
    writeFileSync(policy, JSON.stringify({ Statement: [{ Effect: 'y'.repeat(5000) }] }));
    const bad = await runCli(['explain', '--sub', 'a', '--trust-policy', policy]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Effect must be "Allow" or "Deny" \(got "y+"…\)/);
    expect(bad.stderr).not.toContain('y'.repeat(200));
  });

  it.each([
    [
      'Principal "*"',
      { Principal: '*', Condition: { StringEquals: { [SUB]: 'repo:o/r:pull_request' } } },
      /trusts Principal "\*"/,
    ],
    ['no conditions', {}, /has no Condition/],
    ['sub *', { Condition: { StringLike: { [SUB]: '*' } } }, /matches any subject/],
    ['sub repo:*', { Condition: { StringLike: { [SUB]: 'repo:*' } } }, /matches any owner/],
    ['sub repo:org/*', { Condition: { StringLike: { [SUB]: 'repo:o/*' } } }, /every repository of o/],
  ])('warns about a dangerous trust policy (%s) even when the token is allowed', async (_name, statement, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'hatoba-explain-'));
    const policy = join(dir, 'trust.json');
    const base = {
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
    };
    writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ ...base, ...statement }] }));
    const args = ['explain', '--sub', 'repo:o/r:pull_request', '--trust-policy', policy];
    const text = await runCli(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('✓ allowed');
    expect(text.stdout).toMatch(new RegExp(`^warning: .*${message.source}`, 'm'));
    const json = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(json.results[0].verdict).toBe('allowed');
    expect(json.warnings.join('\n')).toMatch(message);
  });

  describe('--token checks what STS checks before the trust policy', () => {
    const NOW = Date.parse('2026-10-08T12:00:00Z');
    const clock = { now: () => NOW, sleep: async () => {} };
    const claims = {
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/web:ref:refs/heads/main',
    };
    const unsigned = (payload: Record<string, unknown>) =>
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;

    it('says GitHub tokens are RS256 and STS rejects alg none', async () => {
      const jwt = unsigned({ ...claims, exp: NOW / 1000 + 300 });
      for (const args of [[], ['--json']]) {
        const { code, stdout } = await runCli(['explain', '--token', jwt, '--trust-policy', TRUST, ...args], { clock });
        expect(code).toBe(0);
        expect(stdout).toMatch(/alg \\?"none\\?".*GitHub signs its OIDC tokens with RS256.*STS rejects/);
        expect(stdout).not.toContain(jwt.split('.')[1]);
      }
    });

    it('says when the token expired and what STS answers', async () => {
      const jwt = token({ ...claims, exp: NOW / 1000 - 3 * 86_400 });
      const { code, stdout } = await runCli(['explain', '--token', jwt, '--trust-policy', TRUST], { clock });
      expect(code).toBe(0);
      expect(stdout).toMatch(/expired 3 days ago.*STS rejects it with ExpiredTokenException/);
      expect(stdout).not.toContain(jwt.split('.')[1]);
    });

    it('says nothing about a fresh RS256 token', async () => {
      const jwt = token({ ...claims, exp: NOW / 1000 + 300 });
      const { stdout } = await runCli(['explain', '--token', jwt, '--trust-policy', TRUST], { clock });
      expect(stdout).not.toMatch(/expired|RS256/);
    });
  });
});
