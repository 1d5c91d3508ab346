/** Persistent storage: asked once, and the answer shown to the user. */

/** The browser's answer about persistent storage. */
export type PersistState = 'unknown' | 'granted' | 'denied' | 'unsupported';

/** Persistent-storage status and disk usage. */
export class StoragePersistence {
  #state = $state<PersistState>('unknown');
  #usageBytes = $state<number | null>(null);

  get state(): PersistState {
    return this.#state;
  }

  get usageBytes(): number | null {
    return this.#usageBytes;
  }

  /** Reads the status; asks for persistence when not yet granted. */
  async check(ask: boolean): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persisted || !storage.persist) {
      this.#state = 'unsupported';
      return;
    }
    let granted = await storage.persisted();
    if (!granted && ask) granted = await storage.persist();
    this.#state = granted ? 'granted' : 'denied';
    const estimate = await storage.estimate?.();
    this.#usageBytes = estimate?.usage ?? null;
  }
}

let shared: StoragePersistence | undefined;

/** The app's one instance. */
export function storagePersistence(): StoragePersistence {
  shared ??= new StoragePersistence();
  return shared;
}
