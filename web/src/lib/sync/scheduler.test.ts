import { describe, expect, it } from 'vitest';
import { SyncScheduler, type RunOutcome, type SchedulerClock } from './scheduler';

class FakeClock implements SchedulerClock {
  timers = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  random(): number {
    return 0.5;
  }
  /** Fires the only pending timer and returns its delay. */
  fire(): number {
    expect(this.timers.size).toBe(1);
    const [id, t] = [...this.timers][0]!;
    this.timers.delete(id);
    t.fn();
    return t.ms;
  }
}

function deferred() {
  let resolve!: (o: RunOutcome) => void;
  const promise = new Promise<RunOutcome>((r) => (resolve = r));
  return { promise, resolve };
}

const OPTS = { pollMs: 60_000, backoff: { baseMs: 1000, maxMs: 16_000 } };

describe('SyncScheduler', () => {
  it('runs one sync at a time and coalesces requests made during a run into one more', async () => {
    const clock = new FakeClock();
    const runs: ReturnType<typeof deferred>[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const s = new SyncScheduler(
      () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        const d = deferred();
        runs.push(d);
        return d.promise.finally(() => concurrent--);
      },
      OPTS,
      clock,
    );
    const first = s.request();
    const second = s.request();
    const third = s.request();
    expect(runs).toHaveLength(1);
    runs[0]!.resolve('ok');
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toHaveLength(2);
    runs[1]!.resolve('ok');
    await Promise.all([first, second, third]);
    expect(runs).toHaveLength(2);
    expect(maxConcurrent).toBe(1);
  });

  it('backs off exponentially with jitter after failures and resets after a success', async () => {
    const clock = new FakeClock();
    const outcomes: RunOutcome[] = ['retry', 'retry', 'retry', 'ok', 'retry'];
    let calls = 0;
    const s = new SyncScheduler(async () => outcomes[calls++] ?? 'ok', OPTS, clock);
    await s.request();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      delays.push(clock.fire());
      await new Promise((r) => setTimeout(r, 0));
    }
    // 3 failures: 750, 1500, 3000 (random 0.5); then ok → poll; then a failure starts over.
    expect(delays).toEqual([750, 1500, 3000, 60_000]);
    expect(s.consecutiveFailures).toBe(1);
    expect(clock.fire()).toBe(750);
  });

  it('treats a thrown error as a failure to retry', async () => {
    const clock = new FakeClock();
    const s = new SyncScheduler(() => Promise.reject(new Error('boom')), OPTS, clock);
    await s.request();
    expect(s.consecutiveFailures).toBe(1);
    expect(s.nextDelayMs).toBe(750);
  });

  it('stops the timer after a failure retrying cannot fix, until asked again', async () => {
    const clock = new FakeClock();
    let outcome: RunOutcome = 'stop';
    let calls = 0;
    const s = new SyncScheduler(
      async () => {
        calls++;
        return outcome;
      },
      OPTS,
      clock,
    );
    await s.request();
    expect(clock.timers.size).toBe(0);
    outcome = 'ok';
    await s.request();
    expect(calls).toBe(2);
    expect(clock.timers.size).toBe(1);
    s.dispose();
    expect(clock.timers.size).toBe(0);
  });
});
