import { createServer, type Server } from 'node:http';
import type { Config } from './config.js';
import { createLifecycle, type Lifecycle } from './lifecycle.js';
import type { Logger } from './log.js';
import { createHandler } from './routes.js';

export interface HelloServer {
  readonly server: Server;
  readonly lifecycle: Lifecycle;
}

export function createHelloServer(config: Config, log: Logger, hostname: string): HelloServer {
  const server = createServer();
  // Longer than the ALB's 60 s idle timeout, so the load balancer never reuses a connection the server just closed
  // (Node's 5 s default shows up as sporadic 502s behind an ALB).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const lifecycle = createLifecycle(server, { timeoutMs: config.shutdownTimeoutMs, log });
  server.on('request', createHandler({ config, hostname, log, isShuttingDown: () => lifecycle.shuttingDown }));
  return { server, lifecycle };
}
