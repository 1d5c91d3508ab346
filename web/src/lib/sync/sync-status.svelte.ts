/** What the sync status screen and the header show, read live from the device. */
import { type OporaDb, type OutboxRow, type SyncState } from '$lib/db/database';
import { LiveValue } from '$lib/db/live.svelte';
import { INITIAL_SYNC_STATE, loadSyncState } from './dexie-sync-store';
import { refusedByDoc, type RefusedDoc } from './refused';

/** Pending and refused changes, and the sync state. */
export class SyncStatus {
  #browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  private readonly outbox: LiveValue<Pick<OutboxRow, 'docId' | 'status' | 'refusal'>[]>;
  private readonly state: LiveValue<SyncState>;
  private readonly stopListening: () => void;

  constructor(db: OporaDb) {
    // Updates can be large; only the small fields are kept in memory.
    this.outbox = new LiveValue(async () => {
      const rows = await db.outbox.toArray();
      return rows.map((r) => ({ docId: r.docId, status: r.status, refusal: r.refusal }));
    }, []);
    this.state = new LiveValue(() => loadSyncState(db), INITIAL_SYNC_STATE);
    const on = () => (this.#browserOnline = true);
    const off = () => (this.#browserOnline = false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    this.stopListening = () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }

  /** The browser believes it has a network. */
  get browserOnline(): boolean {
    return this.#browserOnline;
  }

  /** Changes waiting for the relay. */
  get pendingCount(): number {
    return this.outbox.value.filter((r) => r.status === 'pending').length;
  }

  /** Documents with refused changes. */
  get refused(): RefusedDoc[] {
    return refusedByDoc(this.outbox.value);
  }

  get lastSuccessAt(): number | null {
    return this.state.value.lastSuccessAt;
  }

  get lastError(): SyncState['lastError'] {
    return this.state.value.lastError;
  }

  stop(): void {
    this.outbox.stop();
    this.state.stop();
    this.stopListening();
  }
}
