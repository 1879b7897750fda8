import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Config } from './config.js';
import type { Logger } from './log.js';

/** Upper bound for GET /slow, so the endpoint can hold a connection no longer than any slow client could. */
export const MAX_SLOW_MS = 5_000;

export interface HandlerDeps {
  readonly config: Config;
  readonly hostname: string;
  readonly log: Logger;
  readonly isShuttingDown: () => boolean;
  readonly now?: () => number;
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

function sendJson(res: ServerResponse, status: number, body: unknown, shuttingDown: boolean): void {
  const payload = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(payload));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // During shutdown, a keep-alive client must not send its next request down a connection about to close.
  if (shuttingDown) res.setHeader('Connection', 'close');
  res.end(payload);
}

/** Health probes arrive every few seconds from each load balancer node; logging their successes is only cost. */
const quietWhenOk = new Set(['/healthz', '/readyz']);

export function createHandler({ config, hostname, log, isShuttingDown, now = Date.now }: HandlerDeps): RequestListener {
  const send = (res: ServerResponse, status: number, body: unknown) => sendJson(res, status, body, isShuttingDown());

  const routes: Readonly<Record<string, Route>> = {
    '/': (_req, res) => send(res, 200, { service: config.service, version: config.version, hostname }),
    '/healthz': (_req, res) => send(res, 200, { status: 'ok' }),
    '/readyz': (_req, res) =>
      isShuttingDown() ? send(res, 503, { status: 'shutting down' }) : send(res, 200, { status: 'ready' }),
    // A bounded sleep: shows that a request in flight when SIGTERM arrives still completes (see README).
    '/slow': (req, res, url) => {
      const ms = Number(url.searchParams.get('ms') ?? '1000');
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_SLOW_MS) {
        send(res, 400, { error: `ms must be an integer from 0 to ${MAX_SLOW_MS}` });
        return;
      }
      const timer = setTimeout(() => send(res, 200, { sleptMs: ms }), ms);
      req.once('close', () => {
        if (!res.writableEnded) clearTimeout(timer);
      });
    },
  };

  return (req, res) => {
    const started = now();
    // Only the path: query strings can carry tokens, and the Host header is client-controlled.
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.once('close', () => {
      if (quietWhenOk.has(url.pathname) && res.statusCode < 300) return;
      log.info('request', {
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        durationMs: now() - started,
        completed: res.writableFinished,
        traceId: req.headers['x-amzn-trace-id'],
      });
    });

    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (route === undefined) {
      send(res, 404, { error: 'not found', path: url.pathname });
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, { error: 'method not allowed' });
    } else {
      route(req, res, url);
    }
  };
}
