import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { MINIMAL_CONFIG } from '../support/config.js';
import { httpEndpoint, type LocalEndpoint } from '../support/local-endpoint.js';

// The real executable (runProcess) with real SDK clients against 127.0.0.1: Ctrl-C during `logs --follow` must end
// the process with 130 promptly, which it only does when no poll timer or socket is left holding the event loop.
const root = fileURLToPath(new URL('../..', import.meta.url));
let endpoint: LocalEndpoint | undefined;
afterAll(() => endpoint?.close());

it('logs --follow: Ctrl-C ends the process with 130 and nothing left running', async () => {
  const home = await mkdtemp(join(tmpdir(), 'hatoba-logs-'));
  const config = join(home, 'hatoba.yml');
  await writeFile(config, MINIMAL_CONFIG);
  let polls = 0;
  const served = await httpEndpoint((request, _body, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (target === '') {
      // CloudFormation (query protocol): no service stack yet, so the names hatoba.yml implies stand in.
      response.writeHead(400, { 'content-type': 'text/xml' });
      response.end(
        '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ' +
          'hello-service-service does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>',
      );
      return;
    }
    const json = (document: unknown) => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(document));
    };
    if (target.endsWith('.DescribeServices')) {
      json({ services: [{ serviceName: 'hello-service', status: 'ACTIVE', deployments: [] }], failures: [] });
    } else if (target.endsWith('.ListTasks')) {
      json({ taskArns: [] });
    } else if (target === 'Logs_20140328.FilterLogEvents') {
      polls += 1;
      json({
        events: [
          { eventId: `e${polls}`, logStreamName: 'ecs/app/abc', timestamp: Date.now(), message: `poll ${polls}` },
        ],
      });
    } else {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ __type: 'UnknownOperationException', message: target }));
    }
  });
  endpoint = served;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/hatoba-process.ts', 'logs', '--follow', '--config', config],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL_CLOUDFORMATION: served.url,
        AWS_ENDPOINT_URL_ECS: served.url,
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: served.url,
      },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; endedAt: number }>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code, endedAt: Date.now() });
    });
  });
  // Two polls: the loop is sleeping between them when Ctrl-C arrives.
  while (polls < 2 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
  const interruptedAt = Date.now();
  child.kill('SIGINT');
  const { code, endedAt } = await done;
  expect(stderr).toContain('Interrupted');
  expect(code).toBe(130);
  expect(stdout).toContain('poll 1');
  expect(endedAt - interruptedAt).toBeLessThan(1_500);
}, 40_000);
