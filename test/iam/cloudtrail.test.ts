import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseCloudTrail, splitPrincipalId } from '../../src/iam/cloudtrail.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/cloudtrail/${name}`, import.meta.url));
const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const ROLE = 'arn:aws:iam::123456789012:role/web-github-deploy';

describe('parseCloudTrail', () => {
  it('reads one failed record', () => {
    expect(parseCloudTrail(fixture('denied-environment.json'), 'e.json')).toEqual([
      {
        origin: 'e.json#0',
        eventTime: '2026-10-08T09:14:03Z',
        eventId: '7f1c2a4e-3b8d-4c51-9e0a-2d6f8b1c9a01',
        region: 'eu-west-1',
        roleArn: ROLE,
        roleSessionName: 'GitHubActions',
        durationSeconds: 3600,
        errorCode: 'AccessDenied',
        errorMessage: 'An unknown error occurred',
        providerArn: PROVIDER,
        sub: 'repo:octo-org/web:environment:production',
        aud: 'sts.amazonaws.com',
      },
    ]);
  });

  it('picks every AssumeRoleWithWebIdentity record of a log file and skips the others', () => {
    const attempts = parseCloudTrail(fixture('trail.json'), 'trail.json');
    expect(attempts.map((a) => [a.origin, a.sub, a.errorCode])).toEqual([
      ['trail.json#0', 'repo:octo-org/web:pull_request', 'AccessDenied'],
      ['trail.json#1', 'repo:octo-org/web:ref:refs/heads/main', undefined],
    ]);
  });

  it('reads gzipped log files by their magic bytes', () => {
    const plain = parseCloudTrail(fixture('trail.json'), 'x');
    expect(parseCloudTrail(fixture('trail.json.gz'), 'x')).toEqual(plain);
    expect(parseCloudTrail(gzipSync(fixture('denied-case.json')), 'x')[0]?.sub).toBe(
      'repo:Octo-Org/web:ref:refs/heads/main',
    );
  });

  it('reads aws cloudtrail lookup-events output', () => {
    const [attempt] = parseCloudTrail(fixture('lookup-events.json'), 'l.json');
    expect(attempt).toMatchObject({
      aud: 'sts.amazon.com',
      errorCode: 'InvalidIdentityTokenException',
      errorMessage: 'Incorrect token audience',
    });
  });

  it('reads a JSON array of records', () => {
    const record = JSON.parse(fixture('denied-case.json').toString('utf8'));
    expect(parseCloudTrail(Buffer.from(JSON.stringify([record, record])), 'a.json')).toHaveLength(2);
  });

  it('takes the role from resources[] when requestParameters lacks it', () => {
    const record = JSON.parse(fixture('denied-case.json').toString('utf8'));
    delete record.requestParameters.roleArn;
    expect(parseCloudTrail(Buffer.from(JSON.stringify(record)), 'r.json')[0]?.roleArn).toBe(ROLE);
  });

  it('takes sub, aud and provider from the response of a successful call', () => {
    const record = JSON.parse(fixture('trail.json').toString('utf8')).Records[1];
    record.userIdentity = { type: 'WebIdentityUser' };
    expect(parseCloudTrail(Buffer.from(JSON.stringify(record)), 's.json')[0]).toMatchObject({
      sub: 'repo:octo-org/web:ref:refs/heads/main',
      aud: 'sts.amazonaws.com',
      providerArn: PROVIDER,
    });
  });

  it.each([
    ['not JSON', Buffer.from('{"Records": ['), /^bad\.json is not a CloudTrail event: /],
    ['another shape', Buffer.from('{"foo": 1}'), /^bad\.json is not a CloudTrail event: expected an object/],
    [
      'no web identity record',
      Buffer.from('{"Records": [{"eventName": "PutImage"}]}'),
      /^bad\.json has no AssumeRoleWithWebIdentity record \(1 record read\)/,
    ],
    ['broken gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]), /^bad\.json looks gzipped but does not decompress/],
    [
      'lookup-events with a broken CloudTrailEvent',
      Buffer.from('{"Events": [{"CloudTrailEvent": "{"}]}'),
      /^bad\.json: Events\[0\]\.CloudTrailEvent is not JSON/,
    ],
  ])('rejects %s naming the file', (_, bytes, message) => {
    expect(() => parseCloudTrail(bytes, 'bad.json')).toThrow(UserError);
    expect(() => parseCloudTrail(bytes, 'bad.json')).toThrow(message);
  });
});

describe('splitPrincipalId', () => {
  it.each([
    [
      `${PROVIDER}:sts.amazonaws.com:repo:o/r:ref:refs/heads/main`,
      undefined,
      undefined,
      { aud: 'sts.amazonaws.com', sub: 'repo:o/r:ref:refs/heads/main' },
    ],
    // GitHub's default audience has colons; the known subject disambiguates it.
    [
      `${PROVIDER}:https://github.com/o:repo:o/r:pull_request`,
      PROVIDER,
      'repo:o/r:pull_request',
      { aud: 'https://github.com/o', sub: 'repo:o/r:pull_request' },
    ],
    [
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocorp:sts.amazonaws.com:repo:o/r:environment:prod',
      undefined,
      undefined,
      {
        provider: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocorp',
        aud: 'sts.amazonaws.com',
      },
    ],
  ])('%s', (principalId, provider, sub, expected) => {
    expect(splitPrincipalId(principalId, provider, sub)).toMatchObject(expected);
  });

  it('gives up on ids that are not provider ARNs', () => {
    expect(splitPrincipalId('AROAEXAMPLE:session')).toBeUndefined();
    expect(splitPrincipalId(undefined)).toBeUndefined();
  });
});
