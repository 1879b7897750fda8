import { type Agent, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createHelloServer, type HelloServer } from '../src/server.js';

export interface Started extends HelloServer {
  readonly port: number;
  /** Every log line the server wrote, parsed. */
  readonly logs: Record<string, unknown>[];
}

export const testConfig: Config = { service: 'hello-test', version: '1.2.3', port: 0, shutdownTimeoutMs: 2_000 };

/** A real server on a random loopback port, logging into memory. */
export async function startServer(overrides: Partial<Config> = {}): Promise<Started> {
  const logs: Record<string, unknown>[] = [];
  const log = createLogger((line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const hello = createHelloServer({ ...testConfig, ...overrides }, log, 'test-host');
  await new Promise<void>((resolve) => hello.server.listen(0, '127.0.0.1', resolve));
  return { ...hello, port: (hello.server.address() as AddressInfo).port, logs };
}

export async function stopServer(started: Started): Promise<void> {
  started.server.closeAllConnections();
  await started.lifecycle.shutdown('test end');
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export function get(port: number, path: string, options: { method?: string; agent?: Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', agent: options.agent });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text === '' ? undefined : JSON.parse(text),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
