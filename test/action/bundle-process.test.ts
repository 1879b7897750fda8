import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_BUNDLE } from '../../scripts/build-action.js';
import { FakeEcs, taskDefinitionArn } from '../deploy/fake-ecs/fake-ecs.js';
import { FIXTURE_CONFIG } from '../deploy/fake-ecs/harness.js';
import { type HttpStandIn, serveOverHttp } from '../deploy/fake-ecs/http-server.js';
import { SCENARIOS } from '../deploy/fake-ecs/scenarios.js';
import { parseStepOutputs } from '../support/step-outputs.js';

// The committed bundle run the way the runner runs a `node24` action: `node action/dist/index.cjs`, inputs as
// INPUT_* variables, outputs through $GITHUB_OUTPUT. Every AWS endpoint points at 127.0.0.1.
const bundle = fileURLToPath(new URL(`../../${ACTION_BUNDLE}`, import.meta.url));
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * CloudFormation with no stacks: "DescribeStacks" (AWS CloudFormation API Reference): "If the stack doesn't exist, a
 * ValidationError is returned", as an AWS Query XML ErrorResponse. Anything else is refused.
 */
async function emptyCloudFormation(): Promise<string> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const action = new URLSearchParams(body).get('Action');
      const stack = new URLSearchParams(body).get('StackName');
      const [code, message] =
        action === 'DescribeStacks'
          ? ['ValidationError', `Stack with id ${stack} does not exist`]
          : ['InvalidAction', `no action ${action}`];
      response.writeHead(400, { 'content-type': 'text/xml' });
      response.end(
        `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type>` +
          `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
}

async function runAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'hatoba-action-run-'));
  const output = join(dir, 'output');
  await writeFile(output, '');
  const cloudformation = await emptyCloudFormation();
  const child = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Every service not stood in for explicitly answers "no such action" from 127.0.0.1.
    AWS_ENDPOINT_URL: cloudformation,
    AWS_ENDPOINT_URL_CLOUDFORMATION: cloudformation,
    ...env,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bundle], { cwd: dirname(FIXTURE_CONFIG), env: child }, (error, out, err) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout: out, stderr: err });
    });
  });
  return { code, stdout, stderr, outputs: parseStepOutputs(await readFile(output, 'utf8')) };
}

async function ecsStandIn(): Promise<HttpStandIn> {
  const fake = new FakeEcs(SCENARIOS.healthy, { mock: { ecs: false, logs: false } });
  const standIn = await serveOverHttp(fake);
  closers.push(async () => {
    fake.restore();
    await standIn.close();
  });
  return standIn;
}

describe('the committed action bundle, run as GitHub runs it', () => {
  it('command status: reads the service over HTTP, exits 0 and sets the outputs', async () => {
    const ecs = await ecsStandIn();
    const run = await runAction(
      { command: 'status', config: FIXTURE_CONFIG, image: '' },
      { AWS_ENDPOINT_URL_ECS: ecs.url },
    );
    expect(run.stderr).toMatch(/stack \S+ not found; using the names hatoba.yml implies/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/revision 6, 2\/2 running/);
    expect(run.outputs).toEqual({ revision: '6', 'task-definition-arn': taskDefinitionArn(6) });
  });

  it('deploy without an image: exit 2 naming the input, no outputs', async () => {
    const run = await runAction({ command: 'deploy', config: FIXTURE_CONFIG });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: input image is required to deploy\nhint: /);
    expect(run.outputs).toEqual({});
  });

  it('an unknown command or a missing config: exit 2 with the fix', async () => {
    const unknown = await runAction({ command: 'up' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/input command: "up" is not one of deploy, rollback, status/);
    const missing = await runAction({ command: 'status', config: 'nowhere.yml' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: --config: nowhere\.yml does not exist/);
  });
});
