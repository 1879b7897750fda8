import { errorMessage } from '../../src/errors.js';

/**
 * Polls `url` until it answers 200. A new load balancer's DNS name can take a minute or two to resolve everywhere,
 * and a target that just became healthy may still be registering in the other Availability Zone.
 */
export async function waitFor200(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (response.status === 200) return { status: 200, body };
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = errorMessage(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(timeoutMs / 1000)} s (last: ${last})`);
}
