/**
 * The nudge: tells connected devices that something in their scope changed, so
 * they sync now instead of at their next timer. Only a hint: correctness never
 * depends on it (a device that misses one syncs later anyway). The sender is not
 * nudged, and a device hears only of documents its scope can read, decided with
 * the directory as it is at the moment of the change.
 */
import { AccessScope, type Membership } from '@opora/shared';
import type { ChangeNotice } from '../context.ts';
import type { DirectoryService } from './directory.ts';

/** A connected device's stream. */
export interface Subscriber {
  deviceId: string;
  memberships: readonly Membership[];
  /** Called with the log sequence of a change the device may read. */
  changed(seq: number): void;
  /** Called when the hub shuts down. */
  end(): void;
}

/** Where change notices come from (the sync service). */
export interface ChangeSource {
  onChange(listener: (n: ChangeNotice) => void): () => void;
}

/** Fans change notices out to the devices that may read them. */
export class ChangeHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly unsubscribe: () => void;

  constructor(
    source: ChangeSource,
    private readonly directory: DirectoryService,
  ) {
    this.unsubscribe = source.onChange((n) => this.notify(n));
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  /** Number of connected subscribers. */
  get size(): number {
    return this.subscribers.size;
  }

  private notify(n: ChangeNotice): void {
    if (this.subscribers.size === 0) return;
    const directory = this.directory.access();
    for (const s of this.subscribers) {
      if (s.deviceId === n.deviceId) continue;
      const scope = new AccessScope(s.memberships, directory);
      if (n.docIds.some((id) => scope.canRead(id))) s.changed(n.seq);
    }
  }

  /** Ends every stream and stops listening. */
  close(): void {
    this.unsubscribe();
    for (const s of [...this.subscribers]) s.end();
    this.subscribers.clear();
  }
}
