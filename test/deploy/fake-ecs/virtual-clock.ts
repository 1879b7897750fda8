import type { Clock } from '../../../src/clock.js';

/** A clock whose sleeps return at once and move time forward: minutes of watching run in milliseconds. */
export class VirtualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.current += ms;
    // Let other promise chains run, as a real timer would.
    await Promise.resolve();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
