import { cpus, loadavg } from 'node:os';
import { errorMessage } from '../../src/errors.js';

/**
 * Time limits for tests that drive real processes (Docker, the CLI): one multiplier for every such limit, so a
 * loaded machine gets longer limits instead of failures. HATOBA_E2E_TIMEOUT_SCALE sets it; by default it is 1, or the
 * run-queue length per core (at most 4) when the 1-minute load average exceeds the core count. One knob rather than
 * limits derived from a measured first build: the first build is also the one that downloads and warms caches, so it
 * says little about the steps after it, and a single number is easy to raise in CI.
 */
export function timeoutScale(env: NodeJS.ProcessEnv = process.env, load = loadavg()[0] ?? 0, cores = cpus().length) {
  const given = Number(env.HATOBA_E2E_TIMEOUT_SCALE);
  if (Number.isFinite(given) && given > 0) return given;
  const perCore = load / Math.max(cores, 1);
  return perCore > 1 ? Math.min(perCore, 4) : 1;
}

/** `ms`, scaled for this machine's load (see timeoutScale). */
export function scaled(ms: number): number {
  return Math.round(ms * timeoutScale());
}

/**
 * Polls `probe` until it returns a value other than undefined; throws after `timeoutMs` (scaled) naming what it
 * waited for and what it saw last: "timed out after 120 s waiting for X; last: connection refused". The probe tells
 * what it saw through `seen`; a thrown error counts as seen too.
 */
export async function waitFor<T>(
  what: string,
  probe: (seen: (last: string) => void) => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const limit = scaled(timeoutMs);
  const deadline = Date.now() + limit;
  let last = 'nothing yet';
  const seen = (text: string) => {
    last = text;
  };
  for (;;) {
    try {
      const value = await probe(seen);
      if (value !== undefined) return value;
    } catch (error) {
      last = errorMessage(error);
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${Math.round(limit / 1000)} s waiting for ${what}; last: ${last}`);
}
