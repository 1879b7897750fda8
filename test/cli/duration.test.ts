import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/duration.js';
import { UserError } from '../../src/errors.js';
import { formatDuration } from '../../src/time/duration.js';

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['45', 45_000],
    ['7d', 604_800_000],
    ['1d12h', 129_600_000],
  ])('%s → %i ms', (text, ms) => {
    expect(parseDuration(text, '--timeout')).toBe(ms);
  });

  it.each(['', 'soon', '15 minutes', '1x', 'm5'])('%j is a usage error naming the flag', (text) => {
    expect(() => parseDuration(text, '--timeout')).toThrow(UserError);
    expect(() => parseDuration(text, '--timeout')).toThrow(/^--timeout: /);
  });
});

describe('formatDuration', () => {
  it.each([
    [4_600, '5s'],
    [60_000, '1m'],
    [75_000, '1m15s'],
  ])('%i → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
