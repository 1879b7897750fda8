import type { Server } from 'node:http';
import type { Logger } from './log.js';

export type ShutdownOutcome = 'drained' | 'timeout';

export interface Lifecycle {
  /** True from the first shutdown signal on: readiness fails and responses close their connection. */
  readonly shuttingDown: boolean;
  /** Stops accepting, lets in-flight requests finish, and resolves once the server is closed or the deadline hit. */
  shutdown(reason: string): Promise<ShutdownOutcome>;
}

export interface LifecycleOptions {
  readonly timeoutMs: number;
  readonly log: Logger;
  readonly now?: () => number;
}

export function createLifecycle(server: Server, { timeoutMs, log, now = Date.now }: LifecycleOptions): Lifecycle {
  let pending: Promise<ShutdownOutcome> | undefined;

  const drain = (reason: string): Promise<ShutdownOutcome> =>
    new Promise((resolve) => {
      const started = now();
      log.info('shutdown started', { reason, timeoutMs });
      const deadline = setTimeout(() => {
        log.warn('shutdown deadline reached, closing open connections', { timeoutMs });
        server.closeAllConnections();
        resolve('timeout');
      }, timeoutMs);
      // close() stops accepting and (Node >= 19) also closes keep-alive sockets that have no request in flight.
      server.close(() => {
        clearTimeout(deadline);
        log.info('shutdown complete', { durationMs: now() - started });
        resolve('drained');
      });
    });

  return {
    get shuttingDown() {
      return pending !== undefined;
    },
    shutdown(reason) {
      pending ??= drain(reason);
      return pending;
    },
  };
}
