/**
 * The relay end and the fixture helpers of the property tests that simulate
 * devices (sync.property.test.ts, transfer.property.test.ts): SQLite in memory
 * under a SyncService that may be restarted, read back from storage alone.
 */
import * as Y from 'yjs';
import { CONTENT_CHECKED_ROOTS, LAYOUTS, parseDocId, type DocKind } from '@opora/shared';
import { openDb, type OpenDb } from '../db/open.ts';
import { documents } from '../db/schema.ts';
import { SyncRepo } from '../repo/sync-repo.ts';
import { SyncService, type SyncServiceOptions } from '../services/sync.ts';

/** The kind of a fixture document id (throws on a malformed one). */
export function kindOf(docId: string): DocKind {
  const ref = parseDocId(docId);
  if (!ref) throw new Error(`bad fixture id ${docId}`);
  return ref.kind;
}

/** The roots of a kind's layout of one Yjs type that random edits may write. */
export function rootsOf(kind: DocKind, type: 'map' | 'array' | 'text'): string[] {
  return (
    Object.entries(LAYOUTS[kind])
      // Roots whose content the relay checks (answers must fit the form) get no random keys.
      .filter(
        ([name, t]) =>
          t === type && name !== 'meta' && !CONTENT_CHECKED_ROOTS[kind]?.includes(name),
      )
      .map(([name]) => name)
  );
}

/** A relay over an in-memory database; `service` is replaced by a restart. */
export class MemoryRelay {
  db: OpenDb;
  service: SyncService;
  restarts = 0;
  private repo: SyncRepo;

  constructor(protected readonly opts: SyncServiceOptions) {
    this.db = openDb(':memory:');
    this.repo = new SyncRepo(this.db);
    this.service = new SyncService(this.db, opts);
  }

  /** A new SyncService over the same database, as after a process restart. */
  restart(): void {
    this.service.close();
    this.service = new SyncService(this.db, this.opts);
    this.restarts++;
  }

  /** Closes the service and the database and goes on over `db` (a restored backup). */
  protected replaceDb(db: OpenDb): void {
    this.service.close();
    this.db.close();
    this.db = db;
    this.repo = new SyncRepo(db);
    this.service = new SyncService(db, this.opts);
  }

  /** Ids of every document the relay has stored an update for. */
  docIds(): string[] {
    return this.db.db
      .select({ id: documents.id })
      .from(documents)
      .all()
      .map((r) => r.id)
      .sort();
  }

  /** A document rebuilt from storage alone (snapshot + log tail). */
  storedDoc(docId: string): Y.Doc {
    const stored = this.repo.loadDoc(docId);
    const doc = new Y.Doc({ guid: docId });
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const row of stored.tail) Y.applyUpdate(doc, row.data);
    return doc;
  }

  close(): void {
    this.service.close();
    this.db.close();
  }
}
