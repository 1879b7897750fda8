import { ECSServiceException } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { credentialSources, type HostProbe, linuxIsEc2 } from '../../src/aws/credentials.js';
import { deniedAction, translateAwsError } from '../../src/aws/errors.js';
import { UserError } from '../../src/errors.js';

const sdkError = (name: string, message: string, status = 400) =>
  new ECSServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message });

describe('translateAwsError', () => {
  it.each([
    [
      sdkError('ExpiredTokenException', 'The security token included in the request is expired', 403),
      /rejected the credentials \(ExpiredTokenException\)/,
    ],
    [
      sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403),
      /rejected the credentials/,
    ],
    [
      sdkError(
        'AccessDeniedException',
        'User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: ecs:ListTasks on resource: arn:aws:ecs:eu-west-1:1:container-instance/c/* because no identity-based policy allows the ecs:ListTasks action',
      ),
      /access denied: arn:aws:sts::1:assumed-role\/r\/s may not call ecs:ListTasks on arn:aws:ecs:eu-west-1:1:container-instance\/c\/\*$/,
    ],
    [sdkError('RegionDisabledException', 'STS is not activated in this region', 403), /Region is not enabled/],
    [
      Object.assign(new Error('getaddrinfo ENOTFOUND ecs.xx-east-9.amazonaws.com'), {
        code: 'ENOTFOUND',
        hostname: 'ecs.xx-east-9.amazonaws.com',
      }),
      /could not reach the endpoint ecs\.xx-east-9\.amazonaws\.com \(ENOTFOUND\)/,
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 9 }),
      /127\.0\.0\.1:9 \(ECONNREFUSED\)/,
    ],
    [sdkError('ThrottlingException', 'Rate exceeded'), /kept throttling/],
    [
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      /no usable AWS credentials/,
    ],
  ])('%s → a UserError', (error, message) => {
    const translated = translateAwsError(error);
    expect(translated).toBeInstanceOf(UserError);
    expect(translated?.message).toMatch(message);
    expect(translated?.hint).toBeTruthy();
  });

  it('leaves errors that are not AWS answers alone (they stay bugs)', () => {
    expect(translateAwsError(new TypeError('x is undefined'))).toBeUndefined();
  });

  it('turns any other AWS refusal that reaches main into a UserError quoting AWS, never a crash', () => {
    const refused = translateAwsError(
      sdkError('ClientException', "Actual length: '66420'. Max allowed length is '65536' bytes."),
    );
    expect(refused).toBeInstanceOf(UserError);
    expect(refused?.message).toBe(
      "AWS refused the request (ClientException): Actual length: '66420'. Max allowed length is '65536' bytes.",
    );
    const failed = translateAwsError(
      new ECSServiceException({ name: 'ServerException', $fault: 'server', $metadata: {}, message: 'Internal' }),
    );
    expect(failed?.message).toMatch(/failed on AWS's side after retries \(ServerException\): Internal/);
  });

  it.each([
    ['CloudTrail LookupEvents', 'cloudtrail:LookupEvents'],
    ['IAM GetRole', 'iam:GetRole'],
    ['CloudWatch Logs GetLogEvents', 'logs:GetLogEvents'],
    ['Elastic Load Balancing v2 DescribeTargetHealth', 'elasticloadbalancing:DescribeTargetHealth'],
  ])('names the IAM action of %s when the denial text does not', (operation, action) => {
    const denied = Object.assign(sdkError('AccessDeniedException', 'Access Denied', 403), { awsOperation: operation });
    const translated = translateAwsError(denied);
    expect(translated?.message).toBe(`AWS ${operation}: access denied: the credentials may not call ${action}`);
    expect(translated?.hint).toContain(`Allow ${action} for that identity`);
  });

  it('reads the denied action without a resource', () => {
    expect(deniedAction('User: arn:aws:iam::1:user/u is not authorized to perform: sts:GetCallerIdentity')).toEqual({
      principal: 'arn:aws:iam::1:user/u',
      action: 'sts:GetCallerIdentity',
    });
  });
});

describe('credentialSources', () => {
  const offEc2: HostProbe = { home: '/home/u', exists: () => false, mayBeEc2: () => false };

  it('finds none off EC2 with nothing configured: the clients then fail without probing IMDS', () => {
    expect(credentialSources({}, offEc2)).toEqual([]);
  });

  it.each([
    [{ AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' }, 'AWS_ACCESS_KEY_ID'],
    [{ AWS_PROFILE: 'dev' }, 'AWS_PROFILE'],
    [{ AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }, 'AWS_WEB_IDENTITY_TOKEN_FILE'],
    [{ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }, 'AWS_CONTAINER_CREDENTIALS_*'],
    [{ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1/c' }, 'AWS_CONTAINER_CREDENTIALS_*'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:1' }, 'EC2 instance metadata'],
  ])('keeps %o working', (env, source) => {
    expect(credentialSources(env, offEc2)).toContain(source);
  });

  it('counts ~/.aws/config (SSO, credential_process, profiles) and an EC2 host', () => {
    const withConfig = { ...offEc2, exists: (path: string) => path === '/home/u/.aws/config' };
    expect(credentialSources({}, withConfig)).toEqual(['/home/u/.aws/config']);
    expect(credentialSources({}, { ...offEc2, mayBeEc2: () => true })).toEqual(['EC2 instance metadata']);
    expect(credentialSources({ AWS_EC2_METADATA_DISABLED: 'true' }, { ...offEc2, mayBeEc2: () => true })).toEqual([]);
  });

  it('recognizes EC2 by the Nitro board asset tag or a Xen "ec2" UUID', () => {
    const files = (entries: Record<string, string>) => (path: string) => entries[path];
    expect(linuxIsEc2(files({ '/sys/devices/virtual/dmi/id/board_asset_tag': 'i-0af01c0123456789a' }))).toBe(true);
    expect(linuxIsEc2(files({ '/sys/hypervisor/uuid': 'ec2e1916-9099-7caf-fd21-012345abcdef' }))).toBe(true);
    expect(linuxIsEc2(files({ '/sys/devices/virtual/dmi/id/board_asset_tag': 'Default string' }))).toBe(false);
  });
});
