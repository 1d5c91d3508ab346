import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit.ts';

describe('FailureLimiter', () => {
  it('blocks at the limit until the window ends', () => {
    let now = 1_000_000;
    const l = new FailureLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 2; i++) l.fail('a');
    expect(l.retryAfter('a')).toBe(0);
    l.fail('a');
    expect(l.retryAfter('a')).toBe(60);
    expect(l.retryAfter('b')).toBe(0);
    now += 30_000;
    expect(l.retryAfter('a')).toBe(30);
    now += 30_000;
    expect(l.retryAfter('a')).toBe(0);
  });

  it('forgives and resets', () => {
    const l = new FailureLimiter({ limit: 2, windowMs: 1000 });
    l.fail('a');
    l.fail('a');
    expect(l.retryAfter('a')).toBeGreaterThan(0);
    l.forgive('a');
    expect(l.retryAfter('a')).toBe(0);
    l.fail('a');
    l.reset('a');
    expect(l.size).toBe(0);
  });

  it('sweeps expired keys so memory stays bounded', () => {
    let now = 0;
    const l = new FailureLimiter({ limit: 2, windowMs: 10 }, () => now);
    for (let i = 0; i < 10_000; i++) l.fail(`k${i}`);
    now = 100;
    l.fail('fresh');
    expect(l.size).toBe(1);
  });
});
