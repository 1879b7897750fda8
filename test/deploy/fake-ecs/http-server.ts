import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeEcs } from './fake-ecs.js';

/** The fake ECS and CloudWatch Logs served over HTTP on 127.0.0.1, for the real SDK clients. */
export interface HttpStandIn {
  /** `http://127.0.0.1:PORT`: the value for AWS_ENDPOINT_URL_ECS and AWS_ENDPOINT_URL_CLOUDWATCH_LOGS. */
  readonly url: string;
  close(): Promise<void>;
}

// AWS JSON 1.1: POST / with `X-Amz-Target: <prefix>.<Operation>` and a JSON body; errors are HTTP 4xx/5xx with
// `{"__type": "...", "message": "..."}` (Smithy awsJson1_1 protocol; ECS and CloudWatch Logs API References).
const TARGET_PREFIXES: Record<string, 'ecs' | 'logs'> = {
  AmazonEC2ContainerServiceV20141113: 'ecs',
  Logs_20140328: 'logs',
};

/**
 * Serves the same scenario state machine the aws-sdk-client-mock tests use: every request becomes `fake.call`, so
 * both transports see the same tasks, deployments, faults and clock.
 */
export async function serveOverHttp(fake: FakeEcs): Promise<HttpStandIn> {
  const server = createServer((request, response) => {
    readBody(request).then((body) => answer(fake, request, body, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled requests are never answered: drop their connections so close() can finish.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(fake: FakeEcs, request: IncomingMessage, body: string, response: ServerResponse): void {
  const [prefix = '', operation = ''] = String(request.headers['x-amz-target'] ?? '').split('.');
  const service = TARGET_PREFIXES[prefix];
  if (request.method !== 'POST' || service === undefined || fake.serviceOf(operation) !== service) {
    reply(response, 400, { __type: 'UnknownOperationException', message: `no operation ${prefix}.${operation}` });
    return;
  }
  if (fake.stalls(operation)) return; // accepted, never answered
  try {
    reply(response, 200, fake.call(operation, body === '' ? {} : JSON.parse(body)));
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    reply(response, e.$metadata?.httpStatusCode ?? 400, { __type: e.name ?? 'ServerException', message: e.message });
  }
}

function reply(response: ServerResponse, status: number, document: unknown): void {
  // Timestamps travel as epoch seconds in AWS JSON 1.1.
  const text = JSON.stringify(document, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': `fake-${Math.random().toString(16).slice(2)}`,
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
