import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hatobaEnv, jsonOf } from '../live/hatoba-cli.js';
import { CRASH_MESSAGE, crashDockerfile, registryLogin } from '../live/images.js';

describe('live image helpers', () => {
  it('decodes the ECR authorization token into docker login’s user and password', () => {
    const token = Buffer.from('AWS:eyJwYXlsb2FkIjoi:with:colons').toString('base64');
    expect(
      registryLogin({
        authorizationToken: token,
        proxyEndpoint: 'https://210987654321.dkr.ecr.us-east-1.amazonaws.com',
      }),
    ).toEqual({
      username: 'AWS',
      password: 'eyJwYXlsb2FkIjoi:with:colons',
      endpoint: 'https://210987654321.dkr.ecr.us-east-1.amazonaws.com',
    });
  });

  it('refuses a token that is not user:password without echoing it', () => {
    const token = Buffer.from('secretwithoutcolon').toString('base64');
    const attempt = () => registryLogin({ authorizationToken: token, proxyEndpoint: 'https://r' });
    expect(attempt).toThrow('the ECR authorization token is not user:password');
    expect(attempt).not.toThrow(/secretwithoutcolon/);
    expect(() => registryLogin(undefined)).toThrow('ECR returned no authorization data');
  });

  it('builds the crashing image on the good one, with a command that prints an error and exits 1', async () => {
    const dockerfile = crashDockerfile('210987654321.dkr.ecr.us-east-1.amazonaws.com/hatoba-live-0a1b2c3d:good');
    const [from, cmd] = dockerfile.trim().split('\n');
    expect(from).toBe('FROM 210987654321.dkr.ecr.us-east-1.amazonaws.com/hatoba-live-0a1b2c3d:good');
    // Exec form (a JSON array): node is PID 1, as in the good image.
    const command = JSON.parse(cmd?.replace(/^CMD /, '') ?? '') as string[];
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    const run = promisify(execFile)(process.execPath, command.slice(1));
    await expect(run).rejects.toMatchObject({ code: 1, stderr: `${CRASH_MESSAGE}\n` });
  });
});

describe('live CLI runner', () => {
  it('keeps the caller’s environment but drops the HATOBA_* overrides of hatoba.yml', () => {
    const env = hatobaEnv({
      AWS_PROFILE: 'throwaway',
      PATH: '/usr/bin',
      HATOBA_AWS_ACCOUNT: '123456789012',
      HATOBA_AWS_REGION: 'eu-west-1',
      HATOBA_ECS_CLUSTER: 'prod',
      HATOBA_LIVE: '1',
      UNSET: undefined,
    });
    expect(env).toEqual({ AWS_PROFILE: 'throwaway', PATH: '/usr/bin', HATOBA_LIVE: '1', NO_COLOR: '1' });
  });

  it('reads the one JSON document, or shows what was printed instead', () => {
    expect(jsonOf<{ ok: boolean }>({ code: 0, stdout: '{"ok":true}\n', stderr: '', elapsedMs: 1 })).toEqual({
      ok: true,
    });
    expect(() =>
      jsonOf({ code: 2, stdout: '', stderr: 'error: hatoba.yml: aws.account is required', elapsedMs: 1 }),
    ).toThrow(/expected one JSON document on stdout \(exit 2\); got:\n\nerror: hatoba.yml: aws.account is required/);
  });
});
