import { describe, expect, it } from 'vitest';
import { timeoutScale, waitFor } from './wait.js';

describe('timeoutScale', () => {
  it('is HATOBA_E2E_TIMEOUT_SCALE when set, else 1 unless the load exceeds the cores', () => {
    expect(timeoutScale({ HATOBA_E2E_TIMEOUT_SCALE: '3' }, 0, 2)).toBe(3);
    expect(timeoutScale({}, 1.5, 2)).toBe(1);
    expect(timeoutScale({}, 5, 2)).toBe(2.5);
    expect(timeoutScale({}, 40, 2)).toBe(4);
    expect(timeoutScale({ HATOBA_E2E_TIMEOUT_SCALE: 'fast' }, 0, 2)).toBe(1);
  });
});

describe('waitFor', () => {
  it('returns the first value the probe finds', async () => {
    let calls = 0;
    expect(await waitFor('three calls', async () => (++calls === 3 ? 'ready' : undefined), 5_000, 1)).toBe('ready');
  });

  it('says what it waited for and what it saw last', async () => {
    await expect(
      waitFor(
        'the registry to answer',
        async (seen) => {
          seen('HTTP 503');
          throw new Error('connect ECONNREFUSED 127.0.0.1:5000');
        },
        50,
        5,
      ),
    ).rejects.toThrow(
      /^timed out after \d+ s waiting for the registry to answer; last: connect ECONNREFUSED 127\.0\.0\.1:5000$/,
    );
  });
});
