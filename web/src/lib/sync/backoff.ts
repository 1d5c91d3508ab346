/**
 * Retry delays: exponential backoff with "equal jitter" (half fixed, half
 * random), so a region's devices that lost the relay together do not all come
 * back in the same second, yet none waits less than half its step.
 */

/** Backoff settings. */
export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs: number;
  /** Ceiling of any delay. */
  maxMs: number;
}

/** Default retry steps: 2 s, 4 s, 8 s, … up to 5 minutes. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** Delay before retry number `failures` (1 = after the first failure); random in [0, 1). */
export function backoffDelay(
  failures: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const step = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(step / 2 + (random() * step) / 2);
}
