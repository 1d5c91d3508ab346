/**
 * Storage of the sync log: the update log with its global sequence, per-document
 * snapshots, and the documents index. Everything the sync service reads or writes
 * in SQLite goes through here.
 */
import { and, asc, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { OpenDb } from '../db/open.ts';
import { documents, snapshots, updates } from '../db/schema.ts';
import { getEpoch } from './meta.ts';
import { parseDocId } from '@opora/shared';

/** One item of the pull stream: a snapshot (key = its uptoSeq) or a log row (key = its seq). */
export interface StreamItem {
  key: number;
  docId: string;
  source: 'snapshot' | 'update';
}

/** An update to append to the log. */
export interface NewUpdate {
  docId: string;
  kind: string;
  data: Uint8Array;
  userId: string;
  deviceId: string;
}

/** A document's stored state: its snapshot (if any) and the log rows after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  uptoSeq: number;
  tail: { seq: number; data: Uint8Array }[];
}

/** The sync log's repository over the relay's database. */
export class SyncRepo {
  private readonly stmts;
  private readonly reachStmts = new Map<string, Statement<unknown[], { id: string }>>();

  constructor(private readonly odb: OpenDb) {
    const db = odb.db;
    const p = sql.placeholder;
    this.stmts = {
      // The log's end: AUTOINCREMENT keeps it in sqlite_sequence even when folded rows left.
      maxSeq: odb.sqlite.prepare<[], { seq: number }>(
        `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'updates'), 0) AS seq`,
      ),
      insertUpdate: db
        .insert(updates)
        .values({
          docId: p('docId'),
          data: p('data'),
          size: p('size'),
          userId: p('userId'),
          deviceId: p('deviceId'),
          createdAt: p('createdAt'),
        })
        .returning({ seq: updates.seq })
        .prepare(),
      upsertDoc: db
        .insert(documents)
        .values({
          id: p('id'),
          kind: p('kind'),
          schoolId: p('schoolId'),
          leaderSchoolId: p('leaderSchoolId'),
          municipalityId: p('municipalityId'),
          lastSeq: p('seq'),
          createdAt: p('now'),
          updatedAt: p('now'),
        })
        .onConflictDoUpdate({
          target: documents.id,
          set: { lastSeq: sql`excluded.last_seq`, updatedAt: sql`excluded.updated_at` },
        })
        .prepare(),
      snapshot: db
        .select({ data: snapshots.data, uptoSeq: snapshots.uptoSeq })
        .from(snapshots)
        .where(eq(snapshots.docId, p('docId')))
        .prepare(),
      tail: db
        .select({ seq: updates.seq, data: updates.data })
        .from(updates)
        .where(
          and(eq(updates.docId, p('docId')), gt(updates.seq, p('after')), isNotNull(updates.data)),
        )
        .orderBy(asc(updates.seq))
        .prepare(),
      updateData: db
        .select({ data: updates.data })
        .from(updates)
        .where(eq(updates.seq, p('seq')))
        .prepare(),
      // A compound select ordered by its first column: SQLite merges the two index scans.
      stream: odb.sqlite.prepare<[number, number, number, number, string, number], StreamRow>(
        `SELECT upto_seq AS key, doc_id AS docId, 0 AS src FROM snapshots
           WHERE upto_seq > ? AND upto_seq <= ?
         UNION ALL
         SELECT seq AS key, doc_id AS docId, 1 AS src FROM updates
           WHERE seq > ? AND seq <= ? AND device_id <> ?
         ORDER BY 1 LIMIT ?`,
      ),
      changedAfter: odb.sqlite.prepare<[number], { id: string }>(
        `SELECT id FROM documents WHERE last_seq > ?`,
      ),
      tailStats: db
        .select({
          rows: sql<number>`count(*)`,
          bytes: sql<number>`coalesce(sum(${updates.size}), 0)`,
        })
        .from(updates)
        .where(eq(updates.docId, p('docId')))
        .prepare(),
      writeSnapshot: db
        .insert(snapshots)
        .values({ docId: p('docId'), data: p('data'), uptoSeq: p('uptoSeq'), updatedAt: p('now') })
        .onConflictDoUpdate({
          target: snapshots.docId,
          set: {
            data: sql`excluded.data`,
            uptoSeq: sql`excluded.upto_seq`,
            updatedAt: sql`excluded.updated_at`,
          },
        })
        .prepare(),
      docRows: odb.sqlite.prepare<[string, number, number, string], { seq: number }>(
        `SELECT seq FROM updates WHERE doc_id = ? AND seq > ? AND seq <= ? AND device_id <> ?
           ORDER BY seq`,
      ),
      moveFolded: odb.sqlite.prepare<{ docId: string; uptoSeq: number }>(
        `INSERT INTO update_history (seq, doc_id, size, user_id, device_id, created_at)
           SELECT seq, doc_id, size, user_id, device_id, created_at FROM updates
           WHERE doc_id = @docId AND seq <= @uptoSeq`,
      ),
      deleteFolded: db
        .delete(updates)
        .where(and(eq(updates.docId, p('docId')), lte(updates.seq, p('uptoSeq'))))
        .prepare(),
    };
  }

  /** Runs `fn` in one SQLite transaction (immediate: writers queue instead of failing). */
  transaction<T>(fn: () => T): T {
    return this.odb.sqlite.transaction(fn).immediate();
  }

  /** Runs `fn` in a read transaction, so every read sees one consistent state. */
  read<T>(fn: () => T): T {
    return this.odb.sqlite.transaction(fn).deferred();
  }

  /** The database's epoch: a random id renewed when the database is restored from a backup. */
  epoch(): string {
    return getEpoch(this.odb);
  }

  /** Highest sequence ever given out (0 when none). */
  maxSeq(): number {
    return this.stmts.maxSeq.get()?.seq ?? 0;
  }

  /** Appends an update and moves the document's last sequence; call inside transaction(). */
  append(u: NewUpdate, now: number): number {
    const row = this.stmts.insertUpdate.get({
      docId: u.docId,
      data: Buffer.from(u.data.buffer, u.data.byteOffset, u.data.byteLength),
      size: u.data.byteLength,
      userId: u.userId,
      deviceId: u.deviceId,
      createdAt: now,
    });
    if (!row) throw new Error('insert returned no sequence');
    this.stmts.upsertDoc.run({ id: u.docId, kind: u.kind, ...placeOf(u.docId), seq: row.seq, now });
    return row.seq;
  }

  /** The document's snapshot and the log rows after it. */
  loadDoc(docId: string): StoredDoc {
    const snap = this.stmts.snapshot.get({ docId });
    const uptoSeq = snap?.uptoSeq ?? 0;
    const tail = this.stmts.tail
      .all({ docId, after: uptoSeq })
      .flatMap((r) => (r.data ? [{ seq: r.seq, data: new Uint8Array(r.data) }] : []));
    return { snapshot: snap ? new Uint8Array(snap.data) : null, uptoSeq, tail };
  }

  /**
   * The next items of the pull stream after `from`, up to `until`, oldest first,
   * leaving out the device's own log rows (it has them).
   */
  streamAfter(from: number, until: number, deviceId: string, limit: number): StreamItem[] {
    return this.stmts.stream.all(from, until, from, until, deviceId, limit).map((r) => ({
      key: r.key,
      docId: r.docId,
      source: r.src === 0 ? 'snapshot' : 'update',
    }));
  }

  /**
   * Documents changed after `from` that belong to these schools (as the school,
   * or the leader school of a partnership's plan) or municipalities, or are
   * named outright (region-level documents such as the monitoring waves).
   */
  changedInReach(
    reach: { schools: string[]; municipalities: string[]; docs?: string[] },
    from: number,
  ): string[] {
    const ids = new Set<string>();
    const lookups: [string, string[]][] = [
      ['school_id', reach.schools],
      ['leader_school_id', reach.schools],
      ['municipality_id', reach.municipalities],
      ['id', reach.docs ?? []],
    ];
    for (const [column, values] of lookups) {
      for (let i = 0; i < values.length; i += 500) {
        const chunk = values.slice(i, i + 500);
        const marks = chunk.map(() => '?').join(',');
        // The column name comes from the list above, never from input.
        const sqlText = `SELECT id FROM documents WHERE ${column} IN (${marks}) AND last_seq > ?`;
        let stmt = this.reachStmts.get(sqlText);
        if (!stmt) {
          stmt = this.odb.sqlite.prepare<unknown[], { id: string }>(sqlText);
          if (this.reachStmts.size > 200) this.reachStmts.clear();
          this.reachStmts.set(sqlText, stmt);
        }
        const rows = stmt.all(...chunk, from);
        for (const r of rows) ids.add(r.id);
      }
    }
    return [...ids];
  }

  /** Every document changed after `from`. */
  changedAfter(from: number): string[] {
    return this.stmts.changedAfter.all(from).map((r) => r.id);
  }

  /**
   * One document's part of the pull stream after `from` up to `until`: its
   * snapshot when folded past `from`, then its log rows from other devices.
   */
  docStream(docId: string, from: number, until: number, deviceId: string): StreamItem[] {
    const items: StreamItem[] = [];
    const snap = this.stmts.snapshot.get({ docId });
    let after = from;
    if (snap && snap.uptoSeq > from && snap.uptoSeq <= until) {
      items.push({ key: snap.uptoSeq, docId, source: 'snapshot' });
      after = snap.uptoSeq;
    }
    for (const r of this.stmts.docRows.all(docId, after, until, deviceId))
      items.push({ key: r.seq, docId, source: 'update' });
    return items;
  }

  /** Bytes of a stream item. */
  itemData(item: StreamItem): Uint8Array | null {
    if (item.source === 'snapshot') {
      const s = this.stmts.snapshot.get({ docId: item.docId });
      return s ? new Uint8Array(s.data) : null;
    }
    const r = this.stmts.updateData.get({ seq: item.key });
    return r?.data ? new Uint8Array(r.data) : null;
  }

  /** How much unfolded log a document has. */
  tailStats(docId: string): { rows: number; bytes: number } {
    return this.stmts.tailStats.get({ docId }) ?? { rows: 0, bytes: 0 };
  }

  /**
   * Replaces a document's snapshot and moves the log rows it now covers to the
   * history (without their bytes); call inside transaction().
   */
  fold(docId: string, state: Uint8Array, uptoSeq: number, now: number): void {
    this.stmts.writeSnapshot.run({
      docId,
      data: Buffer.from(state.buffer, state.byteOffset, state.byteLength),
      uptoSeq,
      now,
    });
    this.stmts.moveFolded.run({ docId, uptoSeq });
    this.stmts.deleteFolded.run({ docId, uptoSeq });
  }
}

/** Where a document belongs, for the documents index (null columns when not applicable). */
function placeOf(docId: string): {
  schoolId: string | null;
  leaderSchoolId: string | null;
  municipalityId: string | null;
} {
  const ref = parseDocId(docId);
  const place = { schoolId: null, leaderSchoolId: null, municipalityId: null };
  if (!ref) return place;
  switch (ref.kind) {
    case 'tutoring':
      return { ...place, schoolId: ref.schoolId, leaderSchoolId: ref.leaderSchoolId };
    case 'calendar':
      return { ...place, municipalityId: ref.municipalityId };
    case 'plan':
    case 'waves':
      // Region-level: a small scope names the waves document outright (AccessScope.reach).
      return place;
    default:
      return { ...place, schoolId: ref.schoolId };
  }
}

interface StreamRow {
  key: number;
  docId: string;
  src: number;
}
