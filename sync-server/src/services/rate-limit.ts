/**
 * Counts failed attempts per key in a fixed window (from the first failure) and
 * blocks the key once it reaches the limit until the window ends. In memory: a
 * restart forgets the counts, which only gives an attacker one more window.
 */

/** Limit and window of a limiter. */
export interface LimitRule {
  limit: number;
  windowMs: number;
}

interface Entry {
  count: number;
  resetAt: number;
}

/** A failure counter with a window per key. */
export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rule: LimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const e = this.live(key);
    if (!e || e.count < this.rule.limit) return 0;
    return Math.ceil((e.resetAt - this.now()) / 1000);
  }

  /** Counts one failure (or attempt) of the key. */
  fail(key: string): void {
    const e = this.live(key);
    if (e) e.count++;
    else {
      if (this.entries.size >= 10_000) this.sweep();
      this.entries.set(key, { count: 1, resetAt: this.now() + this.rule.windowMs });
    }
  }

  /** Takes back one counted attempt (it succeeded). */
  forgive(key: string): void {
    const e = this.live(key);
    if (e && --e.count <= 0) this.entries.delete(key);
  }

  /** Forgets the key. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Number of keys held (for tests of the memory bound). */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.resetAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.resetAt <= now) this.entries.delete(k);
  }
}
