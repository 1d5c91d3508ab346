/**
 * The signed-in user as the screens see it: the session, the directory and the
 * access scope, read from the device (so they work offline), plus sign-in and
 * sign-out. Also owns the sync engine's lifetime: one engine per valid token.
 */
import { AccessScope, directoryFromSnapshot, type DirectorySnapshot } from '@opora/shared';
import { appDb, kvGet, type OporaDb, type Session } from '$lib/db/database';
import { SyncEngine, type SyncEngineProgress } from '$lib/sync/sync-engine';
import { ApiError, NetworkError, fetchMe, login, logout } from './api';
import { saveLogin, saveMe, wipe } from './session-repo';
import { LiveValue } from '$lib/db/live.svelte';
import { peopleNames, personName } from '$lib/directory/people';

/** Why sign-in failed, as the catalogue phrases it. */
export type SignInError = 'invalid_credentials' | 'rate_limited' | 'offline' | 'server';

const EMPTY_DIRECTORY: DirectorySnapshot = {
  regions: [],
  municipalities: [],
  schools: [],
  partnerships: [],
};

/** The app's session manager. */
export class SessionManager {
  #running = $state(false);
  #progress = $state.raw<SyncEngineProgress | null>(null);
  #reachable = $state(true);
  private readonly sessionLive: LiveValue<Session | undefined>;
  private readonly directoryLive: LiveValue<DirectorySnapshot | undefined>;
  private engine: SyncEngine | null = null;
  private engineToken: string | null = null;
  /** The device's data was wiped (another user signed in): the page must reload. */
  wiped = false;

  readonly #hasDirectory = $derived.by(() => this.directoryLive.value !== undefined);

  readonly scope = $derived.by(() => {
    const s = this.session;
    return new AccessScope(s?.memberships ?? [], directoryFromSnapshot(this.directory));
  });

  readonly #names = $derived(peopleNames(this.session?.user, this.directory));

  /** Everyone this device can name, by user id. */
  get knownNames(): ReadonlyMap<string, string> {
    return this.#names;
  }

  /** A person's name by user id: the user, the directory's people and curators, else a neutral word. */
  readonly personName = (id: string): string => personName(this.#names, id);

  constructor(private readonly db: OporaDb = appDb()) {
    this.sessionLive = new LiveValue(() => kvGet(db, 'session'), undefined);
    this.directoryLive = new LiveValue(() => kvGet(db, 'directory'), undefined);
  }

  /** True once the stored session has been read. */
  get ready(): boolean {
    return this.sessionLive.loaded;
  }

  get session(): Session | null {
    return this.sessionLive.value ?? null;
  }

  get directory(): DirectorySnapshot {
    return this.directoryLive.value ?? EMPTY_DIRECTORY;
  }

  /**
   * The directory has been read from the device. A derived, so effects keyed on
   * it rerun when it arrives, not on every later write of the directory.
   */
  get hasDirectory(): boolean {
    return this.#hasDirectory;
  }

  /** A sync is running now. */
  get syncing(): boolean {
    return this.#running;
  }

  /** How far a sync of several pages (a first sync) has come; null otherwise. */
  get syncProgress(): SyncEngineProgress | null {
    return this.#progress;
  }

  /** The relay answered the last attempt to reach it. */
  get reachable(): boolean {
    return this.#reachable;
  }

  /** Starts or stops the sync engine to match the session; call from an effect. */
  ensureEngine(): void {
    const s = this.session;
    const token = s && !s.revoked ? s.token : null;
    if (token === this.engineToken) return;
    this.engine?.stop();
    this.engine = null;
    this.engineToken = token;
    if (!token) return;
    this.engine = new SyncEngine(this.db, token, {
      onRunning: (r) => (this.#running = r),
      onReachable: (r) => (this.#reachable = r),
      onProgress: (p) => (this.#progress = p),
    });
    this.engine.start();
  }

  /** Syncs now; resolves when done (the button). */
  async syncNow(): Promise<void> {
    await this.engine?.syncNow();
  }

  /** Delay before the next automatic attempt, in ms; null when none is planned. */
  get nextRetryMs(): number | null {
    return this.engine?.scheduler.nextDelayMs ?? null;
  }

  /** Signs in; returns null on success or why it failed. */
  async signIn(loginName: string, password: string): Promise<SignInError | null> {
    try {
      const answer = await login(loginName, password);
      const previous = await kvGet(this.db, 'session');
      // Another user's data must not mix with this one's; the page reloads after it.
      if (previous && previous.user.id !== answer.user.id) {
        await wipe(this.db);
        this.wiped = true;
      }
      await saveLogin(this.db, answer);
      try {
        await saveMe(this.db, await fetchMe(answer.token));
      } catch {
        // The directory comes with the first sync.
      }
      return null;
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.code === 'invalid_credentials' || e.status === 401) return 'invalid_credentials';
        if (e.status === 429) return 'rate_limited';
        return 'server';
      }
      if (e instanceof NetworkError) return 'offline';
      return 'server';
    }
  }

  /** Revokes the token (best effort) and wipes the device's data. */
  async signOut(): Promise<void> {
    const s = this.session;
    this.engine?.stop();
    this.engine = null;
    this.engineToken = null;
    if (s && !s.revoked) await logout(s.token).catch(() => undefined);
    await wipe(this.db);
  }
}

let manager: SessionManager | undefined;

/** The app's one session manager. */
export function sessionManager(): SessionManager {
  manager ??= new SessionManager();
  return manager;
}
