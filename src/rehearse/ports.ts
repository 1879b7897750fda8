import type { Docker } from './docker.js';

/**
 * Containers publish on `127.0.0.1::PORT`, so the engine picks a free loopback port itself (no race between finding
 * a free port and binding it); this reads back which one it picked, as `127.0.0.1:NNNNN`.
 */
export async function publishedPort(
  docker: Docker,
  container: string,
  containerPort: number,
  signal?: AbortSignal,
): Promise<string> {
  const { stdout } = await docker.run(['port', container, `${containerPort}/tcp`], { signal });
  const address = stdout
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('127.0.0.1:'));
  if (address === undefined) throw new Error(`${container} publishes no loopback port for ${containerPort}/tcp`);
  return address;
}
