import type { Clock } from '../../src/clock.js';

/** A clock whose sleeps advance its time instantly and are recorded; waits in tests take no real time. */
export function virtualClock(start = Date.UTC(2026, 0, 1)): Clock & { readonly slept: number[] } {
  let time = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => time,
    sleep: async (ms) => {
      slept.push(ms);
      time += ms;
    },
  };
}
