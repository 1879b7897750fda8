import { hostname } from 'node:os';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { createHelloServer } from './server.js';

const log = createLogger();

function start(): void {
  const config = loadConfig(process.env);
  const { server, lifecycle } = createHelloServer(config, log, hostname());

  // ECS sends SIGTERM (the image's STOPSIGNAL) and SIGKILLs after stopTimeout; Ctrl-C sends SIGINT.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void lifecycle.shutdown(signal).then((outcome) => process.exit(outcome === 'drained' ? 0 : 1));
    });
  }

  server.on('error', (error) => {
    log.error('server error', { error: error.message });
    process.exit(1);
  });
  server.listen(config.port, () => {
    log.info('listening', {
      service: config.service,
      version: config.version,
      port: config.port,
      node: process.version,
    });
  });
}

try {
  start();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  log.error('invalid configuration', { error: error.message });
  process.exit(1);
}
