import { type Clock, systemClock } from '../../../src/clock.js';

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

/** A clock the fake can move forward by hand. */
export interface SteerableClock extends Clock {
  advance(ms: number): void;
}

/**
 * Real time, shifted to start at `start`: for tests over HTTP, where the SDK's own timers (retry back-off, abort
 * signals) really elapse and the watcher's deadline must hold in wall-clock time.
 */
export class WallClock implements SteerableClock {
  private offset: number;

  constructor(start: number) {
    this.offset = start - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}
