import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const opts = { baseMs: 1000, maxMs: 60_000 };

  it('doubles the step with each failure, with jitter inside [step/2, step]', () => {
    expect(backoffDelay(1, () => 0, opts)).toBe(500);
    expect(backoffDelay(1, () => 0.999999, opts)).toBe(1000);
    expect(backoffDelay(2, () => 0, opts)).toBe(1000);
    expect(backoffDelay(3, () => 0.5, opts)).toBe(3000);
  });

  it('never exceeds the ceiling, however many failures', () => {
    expect(backoffDelay(50, () => 0.999999, opts)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(1_000, () => 0, opts)).toBe(30_000);
  });

  it('spreads devices that failed together', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.9].map((r) => backoffDelay(4, () => r, opts)));
    expect(delays.size).toBe(4);
  });
});
