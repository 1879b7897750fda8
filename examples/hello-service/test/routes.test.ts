import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { createHandler, MAX_SLOW_MS } from '../src/routes.js';
import { get, type Started, startServer, stopServer, testConfig } from './helpers.js';

describe('routes', () => {
  let started: Started;
  beforeAll(async () => {
    started = await startServer();
  });
  afterAll(() => stopServer(started));

  it.each([
    ['GET', '/', 200, { service: 'hello-test', version: '1.2.3', hostname: 'test-host' }],
    ['GET', '/?verbose=1', 200, { service: 'hello-test', version: '1.2.3', hostname: 'test-host' }],
    ['GET', '/healthz', 200, { status: 'ok' }],
    ['GET', '/readyz', 200, { status: 'ready' }],
    ['GET', '/slow?ms=20', 200, { sleptMs: 20 }],
    ['GET', '/slow?ms=abc', 400, { error: `ms must be an integer from 0 to ${MAX_SLOW_MS}` }],
    ['GET', `/slow?ms=${MAX_SLOW_MS + 1}`, 400, { error: `ms must be an integer from 0 to ${MAX_SLOW_MS}` }],
    ['GET', '/missing', 404, { error: 'not found', path: '/missing' }],
    ['GET', '/toString', 404, { error: 'not found', path: '/toString' }],
    ['GET', '/healthz/', 404, { error: 'not found', path: '/healthz/' }],
    ['POST', '/', 405, { error: 'method not allowed' }],
    ['DELETE', '/healthz', 405, { error: 'method not allowed' }],
    ['HEAD', '/', 200, undefined],
  ])('%s %s answers %i', async (method, path, status, body) => {
    const reply = await get(started.port, path, { method });
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual(body);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('names the allowed methods on 405', async () => {
    expect((await get(started.port, '/', { method: 'PUT' })).headers.allow).toBe('GET, HEAD');
  });

  it('logs one line per request with the path but not the query string', async () => {
    const before = started.logs.length;
    await get(started.port, '/missing?token=secret-value');
    const line = started.logs.slice(before).find((entry) => entry.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/missing', status: 404, completed: true });
    expect(typeof line?.durationMs).toBe('number');
    expect(JSON.stringify(started.logs)).not.toContain('secret-value');
  });

  it('does not log successful health probes', async () => {
    const before = started.logs.length;
    await get(started.port, '/healthz');
    await get(started.port, '/readyz');
    expect(started.logs.slice(before)).toEqual([]);
  });

  it('stops the timer and logs an incomplete request when the client goes away', async () => {
    const before = started.logs.length;
    const controller = new AbortController();
    const arrived = once(started.server, 'request');
    const reply = fetch(`http://127.0.0.1:${started.port}/slow?ms=3000`, { signal: controller.signal });
    await arrived;
    controller.abort();
    await expect(reply).rejects.toThrow();
    await expect
      .poll(() => started.logs.slice(before).find((entry) => entry.msg === 'request'))
      .toMatchObject({
        path: '/slow',
        completed: false,
      });
  });
});

describe('routes while shutting down', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const handler = createHandler({
      config: testConfig,
      hostname: 'test-host',
      log: createLogger(() => {}),
      isShuttingDown: () => true,
    });
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fails readiness but stays live', async () => {
    expect(await get(port, '/readyz')).toMatchObject({ status: 503, body: { status: 'shutting down' } });
    expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('asks keep-alive clients to close the connection', async () => {
    expect((await get(port, '/')).headers.connection).toBe('close');
  });
});
