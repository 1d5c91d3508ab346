/**
 * The app's sync engine: runs the shared `syncOnce` over Dexie and fetch, and
 * decides when. Triggers: start, the `online` event confirmed by a probe of
 * /api/health (navigator.onLine lies), the relay's nudges, a timer with
 * backoff (SyncScheduler) and the button. Every run is single-flight; a run cut
 * off midway is simply run again (the protocol is idempotent).
 */
import { MAX_PAGE_BYTES, ProtocolError, syncOnce } from '@opora/shared';
import { ApiError, NetworkError, fetchMe, probeHealth } from '$lib/auth/api';
import { markRevoked, saveMe } from '$lib/auth/session-repo';
import { kvGet, type OporaDb, type SyncErrorKind } from '$lib/db/database';
import { DexieSyncStore, patchSyncState } from './dexie-sync-store';
import { listenForNudges } from './nudges';
import { SyncScheduler, type RunOutcome } from './scheduler';
import { fetchTransport } from './transport';

/** How often the directory and memberships are refreshed (they change rarely). */
const DIRECTORY_MAX_AGE_MS = 10 * 60_000;

/** Maps a failure of a run to what the user is told, and whether to retry. */
export function classifyError(e: unknown): { kind: SyncErrorKind; outcome: RunOutcome } {
  if (e instanceof ApiError) {
    if (e.status === 401) return { kind: 'unauthorized', outcome: 'stop' };
    if (e.status === 429) return { kind: 'rate_limited', outcome: 'retry' };
    if (e.status === 400 || e.status === 415) return { kind: 'protocol', outcome: 'retry' };
    return { kind: 'server', outcome: 'retry' };
  }
  if (e instanceof ProtocolError) return { kind: 'protocol', outcome: 'retry' };
  if (e instanceof NetworkError) return { kind: 'offline', outcome: 'retry' };
  if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError'))
    return { kind: 'offline', outcome: 'retry' };
  if (e instanceof Error && /Dexie|IndexedDB|Quota/i.test(`${e.name} ${e.message}`))
    return { kind: 'storage', outcome: 'retry' };
  return { kind: 'server', outcome: 'retry' };
}

/** How far a long sync (several pages) has come. */
export interface SyncEngineProgress {
  /** Documents received so far in this sync. */
  received: number;
  /** The relay's estimate of documents still to come; null when it gave none. */
  remaining: number | null;
}

/** Observers of the engine's activity. */
export interface SyncEngineEvents {
  onRunning(running: boolean): void;
  onReachable(reachable: boolean): void;
  /** After each page of a sync of several pages; null when that sync ends. */
  onProgress?(progress: SyncEngineProgress | null): void;
}

/** One engine per signed-in session. */
export class SyncEngine {
  readonly scheduler: SyncScheduler;
  private stops: (() => void)[] = [];
  private directoryFetchedAt = 0;

  constructor(
    private readonly db: OporaDb,
    private readonly token: string,
    private readonly events: SyncEngineEvents,
  ) {
    this.scheduler = new SyncScheduler(() => this.run());
  }

  /** Starts the triggers and the first sync. */
  start(): void {
    const online = () => void this.probeThenSync();
    const offline = () => this.events.onReachable(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.stops.push(() => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    });
    this.stops.push(listenForNudges(this.token, () => void this.scheduler.request()));
    void this.scheduler.request();
  }

  /** Stops every trigger. */
  stop(): void {
    for (const s of this.stops.splice(0)) s();
    this.scheduler.dispose();
  }

  /** Syncs now (the button). */
  syncNow(): Promise<void> {
    return this.scheduler.request();
  }

  private async probeThenSync(): Promise<void> {
    const ok = await probeHealth();
    this.events.onReachable(ok);
    if (ok) await this.scheduler.request();
  }

  private async run(): Promise<RunOutcome> {
    this.events.onRunning(true);
    try {
      await this.refreshDirectory();
      // The relay's estimates, in the order of the responses (a prefetched one comes early).
      const estimates: (number | null)[] = [];
      let paging = false;
      const transport = fetchTransport(this.token, (n) => estimates.push(n));
      await syncOnce(new DexieSyncStore(this.db), transport, {
        // Catching up (a first sync, or back after long offline): the relay's largest
        // pages, the next one asked for while the device stores the last.
        catchUpBytes: MAX_PAGE_BYTES,
        prefetch: true,
        onPage: ({ received, more }) => {
          const remaining = estimates.shift() ?? null;
          // Only a sync of several pages is worth a progress line.
          paging ||= more;
          if (paging) this.events.onProgress?.({ received, remaining: more ? remaining : 0 });
        },
      });
      await patchSyncState(this.db, { lastSuccessAt: Date.now(), lastError: null });
      this.events.onReachable(true);
      return 'ok';
    } catch (e) {
      const { kind, outcome } = classifyError(e);
      if (kind === 'unauthorized') await markRevoked(this.db);
      this.events.onReachable(kind !== 'offline');
      const detail = e instanceof Error ? e.message : String(e);
      await patchSyncState(this.db, { lastError: { kind, at: Date.now(), detail } }).catch(
        () => undefined,
      );
      return outcome;
    } finally {
      this.events.onProgress?.(null);
      this.events.onRunning(false);
    }
  }

  private async refreshDirectory(): Promise<void> {
    const fresh = Date.now() - this.directoryFetchedAt < DIRECTORY_MAX_AGE_MS;
    if (fresh && (await kvGet(this.db, 'directory'))) return;
    const me = await fetchMe(this.token);
    await saveMe(this.db, me);
    this.directoryFetchedAt = Date.now();
  }
}
