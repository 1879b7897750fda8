import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Socket } from 'node:net';

export interface LocalEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

/** A 127.0.0.1 TCP endpoint that accepts connections and never answers: a stalled AWS endpoint. */
export async function stalledEndpoint(): Promise<LocalEndpoint & { readonly connections: number }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A 127.0.0.1 HTTP endpoint answering every request with `respond`; it records the requests it saw. */
export async function httpEndpoint(
  respond: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<LocalEndpoint & { readonly requests: { headers: IncomingMessage['headers']; body: string }[] }> {
  const requests: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push({ headers: request.headers, body });
      respond(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
