/**
 * When to sync. Every trigger (start, network back, relay nudge, timer, the
 * button) calls `request`; runs are single-flight: a request during a run
 * coalesces into exactly one more run after it. After a failure the timer
 * retries with exponential backoff and jitter; after a success it polls at a
 * steady interval (nudges make that rarely matter). A failure that retrying
 * cannot fix (revoked token) stops the timer until `request` is called again.
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

/** How a run ended, as the scheduler needs to know it. */
export type RunOutcome = 'ok' | 'retry' | 'stop';

/** The clock and randomness the scheduler uses (fakes in tests). */
export interface SchedulerClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

/** Scheduler settings. */
export interface SchedulerOptions {
  /** Interval between syncs while all is well. */
  pollMs: number;
  backoff: BackoffOptions;
}

/** Default: poll every 2 minutes. */
export const DEFAULT_SCHEDULER: SchedulerOptions = { pollMs: 120_000, backoff: DEFAULT_BACKOFF };

const realClock: SchedulerClock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  random: Math.random,
};

/** Single-flight sync runner with backoff. */
export class SyncScheduler {
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private timer: unknown = null;
  private stopped = false;
  /** Delay of the next timer run, for the status screen and tests; null when none. */
  nextDelayMs: number | null = null;

  constructor(
    private readonly run: () => Promise<RunOutcome>,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULER,
    private readonly clock: SchedulerClock = realClock,
  ) {}

  /** Number of consecutive failed runs. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Asks for a sync now; resolves when a run that started after this call has finished. */
  request(): Promise<void> {
    this.stopped = false;
    if (this.running) {
      // The loop runs once more before the promise settles.
      this.again = true;
      return this.running;
    }
    this.running = this.loop();
    return this.running;
  }

  /** Cancels the timer; a later `request` starts again. */
  dispose(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        this.cancelTimer();
        let outcome: RunOutcome;
        try {
          outcome = await this.run();
        } catch {
          outcome = 'retry';
        }
        this.settle(outcome);
      } while (this.again && !this.stopped);
    } finally {
      this.running = null;
    }
  }

  private settle(outcome: RunOutcome): void {
    if (outcome === 'ok') {
      this.failures = 0;
      this.schedule(this.options.pollMs);
    } else if (outcome === 'retry') {
      this.failures++;
      this.schedule(backoffDelay(this.failures, this.clock.random, this.options.backoff));
    } else {
      this.failures++;
      this.stopped = true;
      this.again = false;
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancelTimer();
    this.nextDelayMs = ms;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.nextDelayMs = null;
      void this.request();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.nextDelayMs = null;
  }
}
