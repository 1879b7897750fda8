// Registered with `node --import`: records every module URL the process resolves (ESM and CJS-from-ESM) so a test
// can check what a command loaded. Prints the list on exit to stderr as one JSON line.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on('message', (url) => urls.add(url));
port1.unref();
register(
  `data:text/javascript,${encodeURIComponent(`
    let port;
    export function initialize(data) { port = data.port; }
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      port.postMessage(result.url);
      return result;
    }
  `)}`,
  { data: { port: port2 }, transferList: [port2] },
);
process.on('exit', () => process.stderr.write(`IMPORTED ${JSON.stringify([...urls])}\n`));
