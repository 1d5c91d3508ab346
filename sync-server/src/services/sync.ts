/**
 * The relay's sync service: validates and stores pushed updates, and answers
 * with the changes in the device's scope since its cursor.
 *
 * Push. Each pushed document is decided on its own: access (from the id and the
 * user's scope), size, then the update is applied to the document's live state
 * and checked: it must decode, leave no pending structs or deletes (missing
 * dependencies sit silently in `pendingStructs` otherwise), keep the kind's
 * layout, and write only content the kind allows (documents/content.ts: a
 * questionnaire's answers must fit its form). An update that changes nothing (a retry whose acknowledgement was lost)
 * is acknowledged without being stored. Accepted updates of one request are
 * appended in one transaction; only then are they acknowledged. A refused update
 * never reaches storage, and the live state it touched is dropped and reloaded
 * from storage, so it breaks nothing for anyone else.
 *
 * Pull. The cursor is `<epoch>.<seq>.<scopeKey>`: a position in the log of this
 * database, for this scope. The stream after it is the union of log rows with
 * seq > cursor and snapshots folded past the cursor (keyed by the last seq they
 * cover); compaction moves the rows a snapshot covers out of the log, so the two never
 * overlap. Items are sent oldest first, merged per document, until the page's
 * byte budget; the new cursor is the key of the last item looked at. The
 * device's own rows are not echoed. A small scope (school roles, curators)
 * finds its changed documents through the documents index by school instead of
 * walking everyone's log; the stream and the cursor are the same either way.
 * A cursor from another scope restarts at 0;
 * one from another epoch (a restored backup) also sets historyLost, so the
 * device re-pushes what the relay may have lost.
 *
 * Compaction folds a document's log into its snapshot once the log passes a
 * count or size threshold, in the background after the request that crossed it.
 */
import * as Y from 'yjs';
import { createHash } from 'node:crypto';
import {
  AckCode,
  DEFAULT_PAGE_BYTES,
  MAX_PAGE_BYTES,
  MAX_UPDATE_BYTES,
  ProtocolError,
  ShapeError,
  decodeRequest,
  encodeResponse,
  trackTouchedKeys,
  validateContent,
  validateShape,
  type Ack,
  type AccessRefusal,
  type Change,
  type DocKind,
  type Membership,
  type Push,
  type SyncRequest,
} from '@opora/shared';
import type { ChangeNotice, Session } from '../context.ts';
import type { OpenDb } from '../db/open.ts';
import { SyncRepo, type StreamItem } from '../repo/sync-repo.ts';

/** Tunables of the sync service. */
export interface SyncServiceOptions {
  /** Clock in milliseconds. */
  now?: () => number;
  /** Fold a document's log once it has this many rows… */
  compactRows?: number;
  /** …or this many bytes. */
  compactBytes?: number;
  /** Run compaction on a timer after requests (false: only when compactNow() is called). */
  backgroundCompaction?: boolean;
  /** Live documents kept in memory for validation. */
  cacheSize?: number;
}

/** Documents folded per compaction transaction. */
const COMPACT_CHUNK = 200;
/** Longest stretch of background compaction before the event loop gets a turn. */
const COMPACT_SLICE_MS = 25;

const REFUSAL_CODES: Record<AccessRefusal, AckCode> = {
  bad_document_id: AckCode.badDocumentId,
  unknown_document: AckCode.unknownDocument,
  forbidden: AckCode.forbidden,
};

/**
 * Stable short hash of a membership list and of the directory facts that widen
 * it (`fingerprint`, see DirectoryService.scopeFingerprint): the cursor's scope key.
 */
export function scopeKeyOf(memberships: readonly Membership[], fingerprint = ''): string {
  const lines = memberships
    .map((m) => [m.role, m.schoolId ?? '', m.municipalityId ?? '', m.regionId ?? ''].join('/'))
    .sort();
  lines.push(`#${fingerprint}`);
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 10);
}

interface Accepted {
  docId: string;
  kind: DocKind;
  update: Uint8Array;
}

/** One request's accepted updates, waiting for the group commit. */
interface PendingEntry {
  session: Session;
  accepted: Accepted[];
}

/** The updates judged in one turn of the event loop, committed together. */
interface Batch {
  entries: PendingEntry[];
  /** Documents whose live state holds uncommitted updates: never evicted meanwhile. */
  docs: Set<string>;
  done: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** The relay's sync service. */
export class SyncService {
  private readonly repo: SyncRepo;
  private readonly now: () => number;
  private readonly epoch: string;
  private readonly live = new Map<string, Y.Doc>();
  private readonly listeners = new Set<(n: ChangeNotice) => void>();
  private readonly dirty = new Set<string>();
  private compactTimer: NodeJS.Timeout | null = null;
  private batch: Batch | null = null;
  private readonly opts: Required<Omit<SyncServiceOptions, 'now'>>;

  constructor(db: OpenDb, options: SyncServiceOptions = {}) {
    this.repo = new SyncRepo(db);
    this.now = options.now ?? Date.now;
    this.epoch = this.repo.epoch();
    this.opts = {
      compactRows: options.compactRows ?? 200,
      compactBytes: options.compactBytes ?? 256 * 1024,
      backgroundCompaction: options.backgroundCompaction ?? true,
      cacheSize: options.cacheSize ?? 2000,
    };
  }

  /**
   * Handles one sync request frame and returns the response frame, committing
   * its accepted updates on the spot. Throws ProtocolError. (Tests and tools; the
   * HTTP route uses handleAsync.)
   */
  handle(session: Session, body: Uint8Array): Uint8Array {
    const { req, from, acks, accepted } = this.judge(session, body);
    if (accepted.length > 0) this.commit([{ session, accepted }]);
    return this.answer(session, req, from, acks);
  }

  /**
   * Handles one sync request frame with group commit: the accepted updates of
   * every request judged in the same turn of the event loop are stored in one
   * transaction (one fsync), and each request is answered only after that
   * transaction committed. Throws ProtocolError.
   */
  async handleAsync(session: Session, body: Uint8Array): Promise<Uint8Array> {
    return (await this.handleWithProgress(session, body)).frame;
  }

  /**
   * handleAsync, also telling about how many documents of the scope still have
   * changes after this page (null when the page is the last): the route sends
   * it as the `Opora-Remaining` header, for a device's progress display.
   */
  async handleWithProgress(
    session: Session,
    body: Uint8Array,
  ): Promise<{ frame: Uint8Array; remaining: number | null }> {
    const { req, from, acks, accepted } = this.judge(session, body);
    if (accepted.length > 0) this.enqueue({ session, accepted });
    // Wait even with nothing accepted: an "already known" ack may rest on an
    // update of another request in the pending batch, not yet on disk.
    if (this.batch) await this.batch.done;
    const page = this.pull(session, req, from.seq);
    const remaining = page.more ? this.remainingAfter(session, page.cursor) : null;
    return { frame: this.encodePage(session, page, from, acks), remaining };
  }

  private judge(session: Session, body: Uint8Array) {
    const req = decodeRequest(body);
    const from = this.parseCursor(req.cursor, session.scopeKey);
    // A device that synced with a history this database no longer has (a restored
    // backup) pushes updates that may build on acknowledged ones the restore lost.
    // Judged now they would be refused as missingDependencies, and a device keeps a
    // refusal for good. So they are neither stored nor acknowledged: the device
    // keeps them pending, queues its full state (historyLost), and its next
    // request carries both, merged, against this history.
    const judged = from.historyLost
      ? { acks: [], accepted: [] }
      : this.judgePushes(session, req.pushes);
    return { req, from, ...judged };
  }

  private answer(
    session: Session,
    req: SyncRequest,
    from: { seq: number; historyLost: boolean },
    acks: Ack[],
  ): Uint8Array {
    return this.encodePage(session, this.pull(session, req, from.seq), from, acks);
  }

  private encodePage(
    session: Session,
    page: { changes: Change[]; cursor: number; more: boolean },
    from: { historyLost: boolean },
    acks: Ack[],
  ): Uint8Array {
    return encodeResponse({
      acks,
      changes: page.changes,
      cursor: `${this.epoch}.${page.cursor}.${session.scopeKey}`,
      more: page.more,
      historyLost: from.historyLost,
    });
  }

  /** Subscribes to committed changes; returns the unsubscribe function. */
  onChange(listener: (n: ChangeNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Folds the marked documents whose log passed the threshold (every marked one
   * with `force`), many per transaction; stops after `budgetMs` and leaves the
   * rest marked. Returns how many were folded.
   */
  compactNow(force = false, budgetMs = Number.POSITIVE_INFINITY): number {
    let n = 0;
    const deadline = performance.now() + budgetMs;
    while (this.dirty.size > 0 && performance.now() < deadline) {
      const chunk: string[] = [];
      for (const id of this.dirty) {
        chunk.push(id);
        if (chunk.length >= COMPACT_CHUNK) break;
      }
      for (const id of chunk) this.dirty.delete(id);
      // One transaction (one fsync) for the whole chunk.
      this.repo.transaction(() => {
        for (const id of chunk) if (this.compactDoc(id, force)) n++;
      });
    }
    return n;
  }

  /** Marks a document for compaction (used by tests and the scale bench to fold everything). */
  markDirty(docId: string): void {
    this.dirty.add(docId);
  }

  /** Stops background work. */
  close(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    this.listeners.clear();
    this.live.clear();
  }

  private parseCursor(cursor: string, scopeKey: string): { seq: number; historyLost: boolean } {
    if (cursor === '') return { seq: 0, historyLost: false };
    const m = /^([0-9a-f]{1,32})\.(\d{1,15})\.([A-Za-z0-9_-]{1,32})$/.exec(cursor);
    if (!m) throw new ProtocolError('malformed cursor');
    const [, epoch, seqText, key] = m;
    const seq = Number(seqText);
    if (epoch !== this.epoch || seq > this.repo.maxSeq()) return { seq: 0, historyLost: true };
    if (key !== scopeKey) return { seq: 0, historyLost: false };
    return { seq, historyLost: false };
  }

  private judgePushes(session: Session, pushes: Push[]): { acks: Ack[]; accepted: Accepted[] } {
    const acks: Ack[] = [];
    const accepted: Accepted[] = [];
    const seen = new Set<string>();
    for (const p of pushes) {
      if (seen.has(p.docId)) {
        acks.push({
          docId: p.docId,
          code: AckCode.duplicateDocument,
          message: 'document twice in one request',
        });
        continue;
      }
      seen.add(p.docId);
      const verdict = this.check(session, p);
      acks.push({ docId: p.docId, code: verdict.code, message: verdict.message });
      if (verdict.code === AckCode.ok && verdict.kind && verdict.changed)
        accepted.push({ docId: p.docId, kind: verdict.kind, update: p.update });
    }
    return { acks, accepted };
  }

  private enqueue(entry: PendingEntry): void {
    if (!this.batch) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Every enqueuer awaits `done`; this keeps a failed batch from being "unhandled" meanwhile.
      done.catch(() => undefined);
      const batch: Batch = { entries: [], docs: new Set(), done, resolve, reject };
      this.batch = batch;
      setImmediate(() => {
        this.batch = null;
        try {
          this.commit(batch.entries);
          batch.resolve();
        } catch (e) {
          batch.reject(e);
        }
      });
    }
    this.batch.entries.push(entry);
    for (const a of entry.accepted) this.batch.docs.add(a.docId);
  }

  /** Stores accepted updates in one transaction, then tells the listeners. */
  private commit(entries: PendingEntry[]): void {
    const seqs: number[] = [];
    try {
      this.repo.transaction(() => {
        const now = this.now();
        for (const { session, accepted } of entries) {
          let last = 0;
          for (const a of accepted)
            last = this.repo.append(
              {
                docId: a.docId,
                kind: a.kind,
                data: a.update,
                userId: session.userId,
                deviceId: session.deviceId,
              },
              now,
            );
          seqs.push(last);
        }
      });
    } catch (e) {
      // Nothing was stored: forget the live states these updates were applied to.
      for (const { accepted } of entries) for (const a of accepted) this.live.delete(a.docId);
      throw e;
    }
    for (const { accepted } of entries) for (const a of accepted) this.dirty.add(a.docId);
    this.scheduleCompaction();
    entries.forEach(({ session, accepted }, i) => {
      const notice: ChangeNotice = {
        docIds: accepted.map((a) => a.docId),
        deviceId: session.deviceId,
        seq: seqs[i] ?? 0,
      };
      for (const l of this.listeners) l(notice);
    });
  }

  /** Decides one push and, when accepted, leaves it applied to the live document. */
  private check(
    session: Session,
    p: Push,
  ): { code: AckCode; message: string; kind?: DocKind; changed?: boolean } {
    const access = session.scope.decide(p.docId, 'write');
    if (!access.ok) return { code: REFUSAL_CODES[access.reason], message: access.reason };
    if (p.update.byteLength > MAX_UPDATE_BYTES)
      return { code: AckCode.tooLarge, message: `update over ${MAX_UPDATE_BYTES} bytes` };
    const kind = access.ref.kind;
    const doc = this.liveDoc(p.docId);
    let changed = false;
    const mark = () => {
      changed = true;
    };
    doc.on('update', mark);
    const touched = trackTouchedKeys(doc);
    try {
      Y.applyUpdate(doc, p.update, 'relay');
    } catch (e) {
      this.live.delete(p.docId);
      return { code: AckCode.malformedUpdate, message: errorText(e) };
    } finally {
      doc.off('update', mark);
      touched.stop();
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      this.live.delete(p.docId);
      return { code: AckCode.missingDependencies, message: 'update depends on unknown changes' };
    }
    try {
      validateShape(doc, kind);
      // The merged document's new entries must fit their kind (answers their questions…).
      validateContent(doc, access.ref, touched.touched);
    } catch (e) {
      this.live.delete(p.docId);
      if (e instanceof ShapeError) return { code: AckCode.invalidShape, message: e.message };
      return { code: AckCode.malformedUpdate, message: errorText(e) };
    }
    return { code: AckCode.ok, message: changed ? 'stored' : 'already known', kind, changed };
  }

  private liveDoc(docId: string): Y.Doc {
    const cached = this.live.get(docId);
    if (cached) {
      // Refresh its place in the LRU order.
      this.live.delete(docId);
      this.live.set(docId, cached);
      return cached;
    }
    const stored = this.repo.loadDoc(docId);
    const doc = new Y.Doc({ guid: docId });
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const row of stored.tail) Y.applyUpdate(doc, row.data);
    this.live.set(docId, doc);
    if (this.live.size > this.opts.cacheSize) {
      for (const id of this.live.keys()) {
        if (this.live.size <= this.opts.cacheSize) break;
        // A document with uncommitted updates must keep its live state until the commit.
        if (this.batch?.docs.has(id) || id === docId) continue;
        this.live.get(id)?.destroy();
        this.live.delete(id);
      }
    }
    return doc;
  }

  private pull(
    session: Session,
    req: SyncRequest,
    from: number,
  ): { changes: Change[]; cursor: number; more: boolean } {
    const budget = Math.min(Math.max(req.maxBytes || DEFAULT_PAGE_BYTES, 1024), MAX_PAGE_BYTES);
    const vectors = new Map(req.vectors.map((v) => [v.docId, v.stateVector]));
    return this.repo.read(() => {
      const until = this.repo.maxSeq();
      const reach = session.scope.reach();
      const parts = new Map<string, Uint8Array[]>();
      let bytes = 0;
      /** Adds a readable item to the page; true once the page is full. */
      const take = (item: StreamItem): boolean => {
        const data = this.itemBytes(item, vectors);
        if (data) {
          const list = parts.get(item.docId);
          if (list) list.push(data);
          else parts.set(item.docId, [data]);
          bytes += data.byteLength;
        }
        return bytes >= budget;
      };

      if (reach) {
        // A small scope: its changed documents by school, their items in key order.
        const items = this.repo
          .changedInReach(reach, from)
          .filter((id) => session.scope.canRead(id))
          .flatMap((id) => this.repo.docStream(id, from, until, session.deviceId))
          .sort((a, b) => a.key - b.key);
        for (const item of items)
          if (take(item))
            return { changes: merge(parts), cursor: item.key, more: item.key < until };
        return { changes: merge(parts), cursor: until, more: false };
      }

      // A coordinator's scope: walk the log, keep what the scope reads.
      const readable = new Map<string, boolean>();
      let cursor = from;
      const BATCH = 1000;
      for (;;) {
        const items = this.repo.streamAfter(cursor, until, session.deviceId, BATCH);
        for (const item of items) {
          let ok = readable.get(item.docId);
          if (ok === undefined) {
            ok = session.scope.canRead(item.docId);
            readable.set(item.docId, ok);
          }
          cursor = item.key;
          if (ok && take(item)) return { changes: merge(parts), cursor, more: cursor < until };
        }
        if (items.length < BATCH) return { changes: merge(parts), cursor: until, more: false };
      }
    });
  }

  /** Documents the user may read with changes after log position `seq` (an estimate for progress). */
  private remainingAfter(session: Session, seq: number): number {
    const reach = session.scope.reach();
    const ids = reach ? this.repo.changedInReach(reach, seq) : this.repo.changedAfter(seq);
    let n = 0;
    for (const id of ids) if (session.scope.canRead(id)) n++;
    return n;
  }

  private itemBytes(item: StreamItem, vectors: Map<string, Uint8Array>): Uint8Array | null {
    const data = this.repo.itemData(item);
    if (!data || item.source !== 'snapshot') return data;
    const sv = vectors.get(item.docId);
    if (!sv) return data;
    try {
      return Y.diffUpdate(data, sv);
    } catch {
      return data; // A malformed state vector only costs bytes.
    }
  }

  private scheduleCompaction(): void {
    if (!this.opts.backgroundCompaction || this.compactTimer) return;
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      // A slice at a time: the event loop keeps serving requests in between.
      this.compactNow(false, COMPACT_SLICE_MS);
      if (this.dirty.size > 0) this.scheduleCompaction();
    }, 50);
    this.compactTimer.unref();
  }

  private compactDoc(docId: string, force: boolean): boolean {
    const stats = this.repo.tailStats(docId);
    if (stats.rows === 0) return false;
    if (!force && stats.rows < this.opts.compactRows && stats.bytes < this.opts.compactBytes)
      return false;
    const stored = this.repo.loadDoc(docId);
    const last = stored.tail.at(-1);
    if (!last) return false;
    const doc = new Y.Doc({ guid: docId });
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const row of stored.tail) Y.applyUpdate(doc, row.data);
    this.repo.fold(docId, Y.encodeStateAsUpdate(doc), last.seq, this.now());
    doc.destroy();
    return true;
  }
}

function merge(parts: Map<string, Uint8Array[]>): Change[] {
  const out: Change[] = [];
  for (const [docId, list] of parts)
    out.push({ docId, update: list.length === 1 ? list[0]! : Y.mergeUpdates(list) });
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message.slice(0, 200) : 'cannot apply update';
}
