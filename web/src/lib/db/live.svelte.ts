/** A Dexie live query as a rune: `value` follows the database, in this tab and others. */
import { liveQuery } from 'dexie';

/** Holds the latest result of a live query until stopped. */
export class LiveValue<T> {
  // Raw: each result is a new object, replaced whole; a deep proxy would wrap (say) 2,000 schools.
  #value: T = $state.raw() as T;
  #loaded = $state(false);
  #error = $state<unknown>(null);
  private readonly sub: { unsubscribe(): void };

  constructor(query: () => Promise<T>, initial: T) {
    this.#value = initial;
    this.sub = liveQuery(query).subscribe({
      next: (v) => {
        this.#value = v;
        this.#loaded = true;
      },
      error: (e: unknown) => {
        this.#error = e;
      },
    });
  }

  get value(): T {
    return this.#value;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get error(): unknown {
    return this.#error;
  }

  stop(): void {
    this.sub.unsubscribe();
  }
}
