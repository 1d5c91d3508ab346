/**
 * The roadmap's stale-while-loading cache. Decoding a large roadmap's Yjs state
 * (hundreds of KB, most of it history) takes a few hundred ms on a slow phone;
 * the plain-data read of it (`RoadmapSnapshot`) is kept in the `views` table and
 * shown read-only at once, until the live document replaces it. The cache is
 * written after the live document loads, at most every few seconds after
 * changes (when the browser is idle), and on close; it is never edited, and a
 * stale one is only ever shown until the live read arrives. Sign-out wipes it
 * with the rest of the database.
 */
import type { RoadmapSnapshot } from '@opora/shared';
import type { OporaDb } from '$lib/db/database';

/** The stored read of a roadmap; null when none (or the storage failed). */
export async function readCachedRoadmap(
  db: OporaDb,
  docId: string,
): Promise<RoadmapSnapshot | null> {
  try {
    return (await db.views.get(docId))?.roadmap ?? null;
  } catch {
    return null;
  }
}

/** Stores a read of a roadmap (less its history), replacing the previous one; a storage failure is ignored. */
export async function writeCachedRoadmap(
  db: OporaDb,
  docId: string,
  roadmap: RoadmapSnapshot,
): Promise<void> {
  try {
    // Without the history (most of a long-edited roadmap): reading it back must be quick,
    // and the history tab fills once the live document has loaded.
    await db.views.put({ id: docId, at: Date.now(), roadmap: { ...roadmap, history: [] } });
  } catch {
    // A cache: the live document stays the truth.
  }
}

/** Resolves after the next frame has painted (or soon, when frames are paused in a hidden tab). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 0);
}

/**
 * Keeps a roadmap's cached read up to date: `changed()` after each change
 * writes at most once per `intervalMs`, when idle; `close()` writes what is
 * still pending. `read` gives the current read of the live document.
 */
export class RoadmapCacheWriter {
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: OporaDb,
    private readonly docId: string,
    private readonly read: () => RoadmapSnapshot,
    private readonly intervalMs = 3000,
  ) {}

  /** Notes a change; the write follows within the interval. */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      whenIdle(() => void this.flush());
    }, wait);
  }

  /** Writes the current read now if a change is pending. */
  flush(): Promise<void> {
    if (this.dirty && !this.closed) {
      this.dirty = false;
      this.lastWrite = Date.now();
      const snap = this.read();
      this.writing = this.writing.then(() => writeCachedRoadmap(this.db, this.docId, snap));
    }
    return this.writing;
  }

  /** Stops the timer and writes what is pending (the read is taken now, before the document closes). */
  close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const last = this.flush();
    this.closed = true;
    return last;
  }
}
