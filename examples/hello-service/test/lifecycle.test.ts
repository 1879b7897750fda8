import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { get, type Started, startServer, stopServer } from './helpers.js';

const servers: Started[] = [];
async function start(shutdownTimeoutMs = 2_000): Promise<Started> {
  const started = await startServer({ shutdownTimeoutMs });
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map(stopServer));
});

/** Resolves once the server is handling a request: only then is it "in flight". */
const requestArrived = (started: Started) => once(started.server, 'request');

describe('graceful shutdown', () => {
  it('finishes a request in flight, closes its connection, then resolves drained', async () => {
    const started = await start();
    const arrived = requestArrived(started);
    const inFlight = get(started.port, '/slow?ms=300');
    await arrived;
    const outcome = await started.lifecycle.shutdown('SIGTERM');
    const reply = await inFlight;

    expect(outcome).toBe('drained');
    expect(reply).toMatchObject({ status: 200, body: { sleptMs: 300 } });
    expect(reply.headers.connection).toBe('close');
    // The request was in flight when shutdown started, and the server closed only after it completed.
    expect(started.logs.map((entry) => entry.msg)).toEqual(['shutdown started', 'request', 'shutdown complete']);
  });

  it('does not wait for idle keep-alive connections', async () => {
    const started = await start();
    const agent = new Agent({ keepAlive: true });
    await get(started.port, '/', { agent });
    const t0 = Date.now();
    expect(await started.lifecycle.shutdown('SIGTERM')).toBe('drained');
    // Well below the 65 s keep-alive timeout the idle socket would otherwise hold the server for.
    expect(Date.now() - t0).toBeLessThan(5_000);
    agent.destroy();
  });

  it('refuses new connections once shutdown started', async () => {
    const started = await start();
    const arrived = requestArrived(started);
    const inFlight = get(started.port, '/slow?ms=300');
    await arrived;
    const shutdown = started.lifecycle.shutdown('SIGTERM');
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      connect(started.port, '127.0.0.1')
        .on('error', resolve)
        .on('connect', () => resolve(new Error('connected')));
    });
    expect(error.code).toBe('ECONNREFUSED');
    await Promise.all([inFlight, shutdown]);
  });

  it('is idempotent: a second signal joins the first shutdown', async () => {
    const started = await start();
    const first = started.lifecycle.shutdown('SIGTERM');
    expect(started.lifecycle.shutdown('SIGINT')).toBe(first);
    expect(started.lifecycle.shuttingDown).toBe(true);
    await first;
    expect(started.logs.filter((entry) => entry.msg === 'shutdown started')).toHaveLength(1);
  });

  it('cuts connections still open at the deadline and resolves timeout', async () => {
    const started = await start(100);
    const arrived = requestArrived(started);
    const inFlight = new Promise<NodeJS.ErrnoException>((resolve) => {
      request({ host: '127.0.0.1', port: started.port, path: '/slow?ms=3000' })
        .on('error', resolve)
        .on('response', () => resolve(new Error('answered')))
        .end();
    });
    await arrived;
    const t0 = Date.now();
    expect(await started.lifecycle.shutdown('SIGTERM')).toBe('timeout');
    // The deadline (100 ms), not the request (3 s), ended it.
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect((await inFlight).code).toBe('ECONNRESET');
    expect(started.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'shutdown deadline reached, closing open connections' }),
    );
  });
});
