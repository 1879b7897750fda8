import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MINIMAL_CONFIG } from '../support/config.js';
import { httpEndpoint, type LocalEndpoint, stalledEndpoint } from '../support/local-endpoint.js';

// The real executable path (runProcess, as bin/hatoba.js calls it) with real SDK clients, against endpoints on
// 127.0.0.1 only: AWS_EC2_METADATA_DISABLED keeps the SDK away from the instance metadata address.
const root = fileURLToPath(new URL('../..', import.meta.url));
let home: string;
let config: string;
const endpoints: LocalEndpoint[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'hatoba-home-'));
  config = join(home, 'hatoba.yml');
  await writeFile(config, MINIMAL_CONFIG);
});
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

interface Run {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string; endedAt: number }>;
}

function hatoba(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/hatoba-process.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; endedAt: number }>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr, endedAt: Date.now() });
    });
  });
  return { child, done };
}

/** When the command reached the endpoint (process start-up under tsx takes seconds on a loaded machine). */
async function firstConnection(endpoint: { readonly connections: number }): Promise<number> {
  while (endpoint.connections === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  return Date.now();
}

const STATIC_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'test' };

/** A CloudFormation Query-protocol error body ("Common Errors" shape: Error/Code/Message). */
function queryError(code: string, message: string, status = 403) {
  return httpEndpoint((_request, _body, response) => {
    response.writeHead(status, { 'content-type': 'text/xml' });
    response.end(
      `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>` +
        `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
    );
  });
}

describe('AWS failures end the command with a message, never "hatoba crashed"', () => {
  it('no credential source at all: exit 2 at once, saying how to provide credentials', async () => {
    const { code, stderr, stdout } = await hatoba(['status', '--config', config], {}).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: no AWS credentials found/m);
    expect(stderr).toMatch(/hint: .*AWS_PROFILE.*aws sso login.*configure-aws-credentials/);
    expect(stderr).not.toMatch(/crashed|NodeVersionSupportWarning|\n\s+at /);
    expect(stdout).toBe('');
  });

  it('a stalled instance metadata service: exit 2 within the probe timeouts', async () => {
    const imds = await stalledEndpoint();
    endpoints.push(imds);
    const run = hatoba(['status', '--config', config], {
      AWS_EC2_METADATA_DISABLED: 'false',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
    });
    const started = await firstConnection(imds);
    const { code, stderr, endedAt } = await run.done;
    expect(imds.connections).toBeGreaterThan(0);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: no usable AWS credentials/m);
    expect(stderr).not.toContain('crashed');
    // The SDK's probe: 1 s for the IMDSv2 token, 1 s for the IMDSv1 fallback, no retries.
    expect(endedAt - started).toBeLessThan(4_000);
  });

  it('an endpoint that never answers: exit 2 "did not answer" within the time budget, and a JSON error with --json', async () => {
    const stalled = await stalledEndpoint();
    endpoints.push(stalled);
    const run = hatoba(['status', '--json', '--config', config], {
      ...STATIC_KEYS,
      AWS_ENDPOINT_URL_CLOUDFORMATION: stalled.url,
      HATOBA_AWS_TIMEOUT: '1',
    });
    const started = await firstConnection(stalled);
    const { code, stderr, stdout, endedAt } = await run.done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: AWS CloudFormation DescribeStacks: the endpoint did not answer within 1 s$/m);
    expect(JSON.parse(stdout)).toEqual({
      error: {
        message: 'AWS CloudFormation DescribeStacks: the endpoint did not answer within 1 s',
        hint: expect.stringContaining('HATOBA_AWS_TIMEOUT'),
        exitCode: 2,
      },
    });
    expect(endedAt - started).toBeLessThan(3_000);
  });

  it('Ctrl-C during a stalled call: "Interrupted" once and exit 130 within a second', async () => {
    const stalled = await stalledEndpoint();
    endpoints.push(stalled);
    const run = hatoba(['status', '--config', config], {
      ...STATIC_KEYS,
      AWS_ENDPOINT_URL_CLOUDFORMATION: stalled.url,
    });
    await firstConnection(stalled);
    const interruptedAt = Date.now();
    run.child.kill('SIGINT');
    const { code, stderr, endedAt } = await run.done;
    expect(code).toBe(130);
    expect(stderr.match(/Interrupted/g)).toEqual(['Interrupted']);
    expect(endedAt - interruptedAt).toBeLessThan(1_000);
  });

  it("AccessDenied: quotes the action and resource from AWS's message", async () => {
    const denied = await queryError(
      'AccessDenied',
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:DescribeStacks on ' +
        'resource: arn:aws:cloudformation:eu-west-1:123456789012:stack/hello-service-service/* because no ' +
        'identity-based policy allows the cloudformation:DescribeStacks action',
    );
    endpoints.push(denied);
    const { code, stderr } = await hatoba(['status', '--config', config], {
      ...STATIC_KEYS,
      AWS_ENDPOINT_URL_CLOUDFORMATION: denied.url,
    }).done;
    expect(code).toBe(2);
    expect(stderr).toContain(
      'error: AWS CloudFormation DescribeStacks: access denied: arn:aws:iam::123456789012:user/dev may not call ' +
        'cloudformation:DescribeStacks on arn:aws:cloudformation:eu-west-1:123456789012:stack/hello-service-service/*',
    );
    expect(stderr).toMatch(/hint: Allow cloudformation:DescribeStacks/);
  });

  it('ExpiredToken: says the credentials were rejected and how to renew them', async () => {
    const expired = await queryError('ExpiredToken', 'The security token included in the request is expired', 400);
    endpoints.push(expired);
    const { code, stderr } = await hatoba(['status', '--config', config], {
      ...STATIC_KEYS,
      AWS_SESSION_TOKEN: 'session',
      AWS_ENDPOINT_URL_CLOUDFORMATION: expired.url,
    }).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: AWS CloudFormation DescribeStacks rejected the credentials \(ExpiredToken\)/m);
    expect(stderr).toMatch(/hint: Get fresh credentials/);
  });

  it('container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI) still sign the requests', async () => {
    const container = await httpEndpoint((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          AccessKeyId: 'ASIACONTAINEREXAMPLE',
          SecretAccessKey: 'secret',
          Token: 'token',
          Expiration: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
    });
    const denied = await queryError('AccessDenied', 'denied');
    endpoints.push(container, denied);
    const { code } = await hatoba(['status', '--config', config], {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/credentials`,
      AWS_ENDPOINT_URL_CLOUDFORMATION: denied.url,
    }).done;
    expect(code).toBe(2);
    expect(container.requests.length).toBeGreaterThan(0);
    expect(denied.requests[0]?.headers.authorization).toContain('Credential=ASIACONTAINEREXAMPLE/');
  });
});
