import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.js';
import { guardSend } from '../../../src/aws/send.js';
import { VirtualClock } from '../../deploy/fake-ecs/virtual-clock.js';
import { runCli } from '../../support/cli.js';
import { FakeCloudTrail } from '../../support/fake-cloudtrail.js';
import { FakeIam } from '../../support/fake-iam.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/web-github-deploy`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/other-github-deploy`;
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const NOW = Date.parse('2026-10-08T13:00:00Z');
const MINUTE = 60_000;
const fixtures = new URL('../../fixtures/', import.meta.url);

let template: Record<string, unknown>;
let trust: string;
let dir: string;

beforeAll(async () => {
  template = JSON.parse(await readFile(new URL('cloudtrail/denied-case.json', fixtures), 'utf8'));
  trust = await readFile(new URL('iam/trust-main.json', fixtures), 'utf8');
});

interface Call {
  minutesAgo: number;
  sub?: string;
  aud?: string;
  role?: string;
  errorCode?: string | null;
  errorMessage?: string;
  id?: string;
}

let serial = 0;
/** A record shaped like the fixture (a real AssumeRoleWithWebIdentity event), with the given claims and outcome. */
function event(region: string, call: Call): Record<string, unknown> {
  const sub = call.sub ?? 'repo:octo-org/web:ref:refs/heads/main';
  const aud = call.aud ?? 'sts.amazonaws.com';
  const role = call.role ?? ROLE;
  const id = call.id ?? `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
  const failed = call.errorCode !== null;
  const record: Record<string, unknown> = {
    ...template,
    userIdentity: {
      type: 'WebIdentityUser',
      principalId: `${PROVIDER}:${aud}:${sub}`,
      userName: sub,
      identityProvider: PROVIDER,
    },
    eventTime: new Date(NOW - call.minutesAgo * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    awsRegion: region,
    eventID: id,
    requestParameters: { roleArn: role, roleSessionName: 'GitHubActions', durationSeconds: 3600 },
    resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: role }],
    responseElements: failed ? null : { subjectFromWebIdentityToken: sub, audience: aud, provider: PROVIDER },
  };
  if (failed) {
    record.errorCode = call.errorCode ?? 'AccessDenied';
    record.errorMessage = call.errorMessage ?? 'An unknown error occurred';
  } else {
    delete record.errorCode;
    delete record.errorMessage;
  }
  return record;
}

let clock: VirtualClock;
let trail: FakeCloudTrail;
let iam: FakeIam;
const regionsAsked: string[] = [];

/** The clients the CLI gets: real SDK clients behind the send guard, answered by the fakes. */
const aws = async (region: string) => {
  regionsAsked.push(region);
  return {
    cloudtrail: guardSend(new CloudTrailClient({ region }), { timeoutMs: 60_000 }),
    iam: guardSend(new IAMClient({ region }), { timeoutMs: 60_000 }),
  } as unknown as AwsClients;
};

function explainRole(args: string[], options: { cwd?: string } = {}) {
  return runCli(['explain', ...args], { cwd: options.cwd ?? dir, clock, aws });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hatoba-explain-role-'));
  const yml = (await readFile(new URL('hatoba.yml', fixtures), 'utf8'))
    .replace('app: hello-service', 'app: web')
    .replace('octo-org/hello-service', 'octo-org/web')
    .replace('region: eu-west-1', 'region: ap-northeast-1');
  await writeFile(join(dir, 'hatoba.yml'), yml);
  clock = new VirtualClock(NOW);
  trail = new FakeCloudTrail(clock);
  iam = new FakeIam(ACCOUNT).withRole({ name: 'web-github-deploy', trust: JSON.parse(trust) });
  regionsAsked.length = 0;
});

afterEach(async () => {
  trail.restore();
  iam.restore();
  await rm(dir, { recursive: true, force: true });
});

describe('hatoba explain --role', () => {
  it('finds a call the global endpoint recorded in us-east-1 while the configured Region is ap-northeast-1', async () => {
    trail.record(
      'us-east-1',
      event('us-east-1', {
        minutesAgo: 30,
        aud: 'sts.amazon.com',
        errorCode: 'InvalidIdentityTokenException',
        errorMessage: 'Incorrect token audience',
      }),
    );
    const { code, stdout, stderr } = await explainRole(['--role', 'web-github-deploy']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('searched    ap-northeast-1 (0 events, 1 page), us-east-1 (1 events, 1 page)');
    expect(stdout).toContain('found       1 failed call, 1 distinct');
    expect(stdout).toMatch(/✗ denied {2}us-east-1 0{8}-0{4}-4000-8000-\d{12} \(2026-10-08T12:30:00Z\)/);
    expect(stdout).toContain('CloudTrail  InvalidIdentityTokenException: Incorrect token audience');
    expect(stdout).toContain(`failing condition in the trust policy of ${ROLE} (iam:GetRole):`);
    expect(stdout).toContain('      actual    sts.amazon.com');
    expect(trail.requests.map((r) => r.region)).toEqual(['ap-northeast-1', 'us-east-1']);
    for (const { input } of trail.requests) {
      expect(input.LookupAttributes).toEqual([
        { AttributeKey: 'EventName', AttributeValue: 'AssumeRoleWithWebIdentity' },
      ]);
      expect(input.StartTime?.getTime()).toBe(NOW - 24 * 60 * MINUTE);
      expect(input.EndTime?.getTime()).toBe(NOW);
    }
  });

  it("pages through every role's events with NextToken, within the rate limit, and keeps the given role's failures", async () => {
    for (let i = 0; i < 120; i += 1) {
      trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: i + 1, role: OTHER_ROLE }));
    }
    trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: 5, sub: 'repo:octo-org/web:pull_request' }));
    trail.record(
      'ap-northeast-1',
      event('ap-northeast-1', { minutesAgo: 115, sub: 'repo:octo-org/web:environment:production' }),
    );
    const { code, stdout } = await explainRole(['--role', 'web-github-deploy', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.searched).toEqual([
      { region: 'ap-northeast-1', pages: 3, events: 122, truncated: false },
      { region: 'us-east-1', pages: 1, events: 0, truncated: false },
    ]);
    expect(doc.results.map((r: { claims: { sub: string } }) => r.claims.sub)).toEqual([
      'repo:octo-org/web:pull_request',
      'repo:octo-org/web:environment:production',
    ]);
    const tokyo = trail.requests.filter((r) => r.region === 'ap-northeast-1');
    expect(tokyo.map((r) => r.input.NextToken === undefined)).toEqual([true, false, false]);
    expect(tokyo.every((r) => r.input.MaxResults === 50)).toBe(true);
  });

  it('explains identical failed calls once, as N attempts between the first and the last', async () => {
    for (const minutesAgo of [50, 40, 30]) {
      trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo, sub: 'repo:octo-org/web:pull_request' }));
    }
    trail.record(
      'ap-northeast-1',
      event('ap-northeast-1', { minutesAgo: 10, sub: 'repo:octo-org/web:ref:refs/heads/dev' }),
    );
    const text = await explainRole(['--role', 'web-github-deploy']);
    expect(text.stdout).toContain('found       4 failed calls, 2 distinct');
    expect(text.stdout).toContain(
      '✗ denied  3 attempts between 2026-10-08T12:10:00Z and 2026-10-08T12:30:00Z (ap-northeast-1)\n',
    );
    // Newest first: the dev branch call (10 minutes ago) comes before the pull requests.
    expect(text.stdout.indexOf('refs/heads/dev')).toBeLessThan(text.stdout.indexOf('3 attempts'));
    const json = JSON.parse((await explainRole(['--role', 'web-github-deploy', '--json'])).stdout);
    expect(json.results.map((r: { attempts: number }) => r.attempts)).toEqual([1, 3]);
    expect(json.results[1]).toMatchObject({ first: '2026-10-08T12:10:00Z', last: '2026-10-08T12:30:00Z' });
  });

  it('takes the role by ARN as well as by name, and reads the same role', async () => {
    trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: 3, sub: 'repo:octo-org/web:pull_request' }));
    trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: 4, role: OTHER_ROLE }));
    const byName = JSON.parse((await explainRole(['--role', 'web-github-deploy', '--json'])).stdout);
    const byArn = JSON.parse((await explainRole(['--role', ROLE, '--json'])).stdout);
    expect(byArn.role).toBe(ROLE);
    expect(byName.role).toBe(ROLE);
    expect(byArn.results).toEqual(byName.results);
    expect(byArn.results).toHaveLength(1);
    expect(iam.mock.commandCalls(GetRoleCommand).map((c) => c.args[0].input.RoleName)).toEqual([
      'web-github-deploy',
      'web-github-deploy',
    ]);
  });

  it("uses hatoba.yml's deploy role and Region when no --role is given", async () => {
    trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: 3, sub: 'repo:octo-org/web:pull_request' }));
    const { code, stdout } = await explainRole(['--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ role: ROLE, regions: ['ap-northeast-1', 'us-east-1'] });
    expect(regionsAsked[0]).toBe('ap-northeast-1');
  });

  it("with environments, uses the chosen environment's deploy role and Region; none chosen is exit 2", async () => {
    const environments =
      "app: web\ngithub:\n  repository: octo-org/web\naws:\n  account: '123456789012'\n  region: ap-northeast-1\n" +
      'environments:\n  staging:\n  production:\n    aws:\n      region: us-west-2\n';
    await writeFile(join(dir, 'hatoba.yml'), environments);
    const production = `arn:aws:iam::${ACCOUNT}:role/web-production-github-deploy`;
    iam.withRole({ name: 'web-production-github-deploy', trust: JSON.parse(trust) });
    trail.record(
      'us-west-2',
      event('us-west-2', { minutesAgo: 3, role: production, sub: 'repo:octo-org/web:pull_request' }),
    );
    const { code, stdout } = await explainRole(['--json', '--environment', 'production']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ role: production, regions: ['us-west-2', 'us-east-1'] });
    expect(regionsAsked[0]).toBe('us-west-2');
    regionsAsked.length = 0;
    const none = await explainRole([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('hatoba.yml has 2 environments (staging, production); say which one');
    expect(regionsAsked).toEqual([]);
  });

  it('says where it looked and what no event means', async () => {
    trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: 25 * 60 }));
    const { code, stdout } = await explainRole(['--role', 'web-github-deploy']);
    expect(code).toBe(0);
    expect(stdout).toContain('window      2026-10-07T13:00:00Z → 2026-10-08T13:00:00Z');
    expect(stdout).toContain(`No failed AssumeRoleWithWebIdentity call to ${ROLE} in ap-northeast-1 or us-east-1`);
    expect(stdout).toMatch(/about 5 minutes after the call/);
    expect(stdout).toMatch(/Regional endpoint of its `aws-region` input/);
    expect(stdout).toMatch(/the token never reached AWS/);
  });

  it('skips a successful call but says it happened after the last failure', async () => {
    trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: 20, sub: 'repo:octo-org/web:pull_request' }));
    trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: 2, errorCode: null }));
    const { stdout } = await explainRole(['--role', 'web-github-deploy']);
    expect(stdout).toContain('found       1 failed call, 1 distinct');
    expect(stdout).toContain(
      'succeeded   1 call, the latest at 2026-10-08T12:58:00Z (after the last failure: the cause may already be fixed)',
    );
    expect(stdout).not.toContain('✓ allowed');
  });

  it('searches one Region when the configured Region is us-east-1', async () => {
    trail.record('us-east-1', event('us-east-1', { minutesAgo: 3, sub: 'repo:octo-org/web:pull_request' }));
    const { stdout } = await explainRole(['--role', 'web-github-deploy', '--region', 'us-east-1', '--json']);
    expect(JSON.parse(stdout).regions).toEqual(['us-east-1']);
    expect(trail.requests.map((r) => r.region)).toEqual(['us-east-1']);
  });

  it('caps --since at the 90 days CloudTrail keeps, and says so', async () => {
    trail.record(
      'ap-northeast-1',
      event('ap-northeast-1', { minutesAgo: 89 * 24 * 60, sub: 'repo:octo-org/web:pull_request' }),
    );
    const { code, stdout } = await explainRole(['--role', 'web-github-deploy', '--since', '120d', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.notes[0]).toMatch(/last 90 days only: searched those instead of --since's 120 days/);
    expect(doc.results).toHaveLength(1);
    expect(trail.requests[0]?.input.StartTime?.getTime()).toBe(NOW - 90 * 24 * 60 * MINUTE);
  });

  it('stops after 10 pages per Region and says the limit cut the search', async () => {
    for (let i = 0; i < 520; i += 1) {
      trail.record('ap-northeast-1', event('ap-northeast-1', { minutesAgo: i + 1, role: OTHER_ROLE }));
    }
    const { stdout } = await explainRole(['--role', 'web-github-deploy', '--json']);
    const doc = JSON.parse(stdout);
    expect(doc.searched[0]).toEqual({ region: 'ap-northeast-1', pages: 10, events: 500, truncated: true });
    expect(doc.notes).toEqual([expect.stringMatching(/^ap-northeast-1: stopped after 10 pages \(500 /)]);
  });

  it('exits 2 naming cloudtrail:LookupEvents when the credentials may not look events up', async () => {
    trail.denyLookups();
    const { code, stdout, stderr } = await explainRole(['--role', 'web-github-deploy']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'AWS CloudTrail LookupEvents: access denied: the credentials may not call cloudtrail:LookupEvents',
    );
    expect(stderr).toContain('Allow cloudtrail:LookupEvents for that identity');
  });

  it('exits 2 naming the role when it does not exist, before any lookup', async () => {
    const { code, stderr } = await explainRole(['--role', 'web-github-deplyo']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: role web-github-deplyo does not exist in the account of these credentials');
    expect(trail.requests).toHaveLength(0);
  });

  it('exits 2 naming iam:GetRole when the credentials may not read the role', async () => {
    iam.mock
      .on(GetRoleCommand)
      .rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $fault: 'client' }));
    const { code, stderr } = await explainRole(['--role', 'web-github-deploy']);
    expect(code).toBe(2);
    expect(stderr).toContain('may not call iam:GetRole');
  });

  it('keeps --role-arn as the old spelling of --role and refuses both at once', async () => {
    const sub = [
      '--sub',
      'repo:octo-org/web:pull_request',
      '--trust-policy',
      join(new URL('iam/trust-main.json', fixtures).pathname),
    ];
    const old = JSON.parse((await explainRole([...sub, '--role-arn', OTHER_ROLE, '--json'])).stdout);
    const current = JSON.parse((await explainRole([...sub, '--role', OTHER_ROLE, '--json'])).stdout);
    expect(old.results[0].roleArn).toBe(OTHER_ROLE);
    expect(current.results).toEqual(old.results);
    const both = await explainRole([...sub, '--role', ROLE, '--role-arn', ROLE]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--role-arn is the old spelling of --role');
    const name = await explainRole([...sub, '--role', 'web-github-deploy']);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("--role with --event, --sub or --token takes the role's ARN");
  });
});
