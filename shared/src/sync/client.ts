/**
 * The device side of one sync: push the outbox, pull the scope's changes, page
 * until the relay has nothing more. Storage and transport are interfaces so the
 * same engine runs in the app (Dexie + fetch) and in the property tests
 * (memory + the relay in process, with a hostile network in between).
 *
 * Safety rests on three rules:
 * - an outbox entry is removed only after the relay acknowledged its document;
 * - remote changes are applied before the cursor that covers them is saved, so a
 *   crash in between only re-applies (CRDT merge is idempotent);
 * - a refused document keeps its entries on the device, marked with the reason.
 *
 * A first sync of a large scope is many pages: the device can ask for larger
 * ones once the relay says more wait (`catchUpBytes`) and ask for the next page
 * while it stores the last (`prefetch`; a pull without pushes, idempotent, used
 * only if the request it stands for would carry no pushes either).
 */
import * as Y from 'yjs';
import {
  AckCode,
  MAX_REQUEST_BYTES,
  decodeResponse,
  encodeRequest,
  type Change,
  type Push,
} from './protocol.ts';

/** One local update waiting for the relay's acknowledgement. */
export interface OutboxEntry {
  id: number;
  docId: string;
  update: Uint8Array;
}

/** What the engine needs from the device's storage. */
export interface SyncStore {
  /** The cursor of the last completed page; '' before the first sync. */
  loadCursor(): Promise<string>;
  /** Outbox entries neither acknowledged nor refused, oldest first. */
  pendingUpdates(): Promise<OutboxEntry[]>;
  /** Applies remote changes to the local documents, then saves the cursor. */
  applyChanges(changes: Change[], cursor: string): Promise<void>;
  /** Drops acknowledged entries from the outbox. */
  acknowledge(ids: number[]): Promise<void>;
  /** Marks entries refused; they stay on the device and are no longer sent. */
  refuse(ids: number[], docId: string, code: AckCode, message: string): Promise<void>;
  /**
   * Queues the full state of every local document the user may write as outbox
   * entries. Called when the relay lost history (restored from a backup), so
   * nothing it once acknowledged stays missing. Documents the user may only read
   * are left out: the relay would refuse them (forbidden), and their authors
   * hold and re-push their own changes.
   */
  requeueAll(): Promise<void>;
}

/** Sends one request frame and returns the response frame; throws on any failure. */
export type Transport = (body: Uint8Array) => Promise<Uint8Array>;

/** Options of one sync. */
export interface SyncOptions {
  /** Response page budget the device asks for (0: the relay's default). */
  maxBytes?: number;
  /**
   * Page budget asked for once the relay said more changes wait (a first sync, or
   * back after long offline): fewer, larger pages. Default: `maxBytes`.
   */
  catchUpBytes?: number;
  /** Called after each page is stored, with the changes received so far in this sync. */
  onPage?: (progress: SyncProgress) => void;
  /**
   * While a page with `more` is being stored, already ask for the next one (a
   * pull with the page's cursor and no pushes), so the network and the relay
   * work while the device writes. Used only if nothing was queued meanwhile.
   */
  prefetch?: boolean;
  /** Upper bound on request/response pairs in one sync, against a misbehaving relay. */
  maxRounds?: number;
  /** Budget for the pushes of one request; the rest goes in the next one. */
  maxPushBytes?: number;
}

/** How far one sync has come, after a page. */
export interface SyncProgress {
  /** Document changes received and stored so far in this sync. */
  received: number;
  /** The relay has more changes waiting. */
  more: boolean;
}

/** What one sync did. */
export interface SyncReport {
  rounds: number;
  pushedDocs: number;
  acknowledged: number;
  refused: { docId: string; code: AckCode; message: string }[];
  receivedChanges: number;
  bytesUp: number;
  bytesDown: number;
  /** The relay had lost history and the device re-sent everything it holds. */
  historyLost: boolean;
}

interface Batch {
  pushes: Push[];
  ids: Map<string, number[]>;
  rest: boolean;
}

/** A pull sent ahead while the previous page is stored. */
interface Prefetch {
  cursor: string;
  body: Uint8Array;
  answer: Promise<Uint8Array>;
}

/** Groups pending entries per document, merges each group, and cuts at the byte budget. */
export function buildPushes(entries: OutboxEntry[], budget: number): Batch {
  const byDoc = new Map<string, OutboxEntry[]>();
  for (const e of entries) {
    const list = byDoc.get(e.docId);
    if (list) list.push(e);
    else byDoc.set(e.docId, [e]);
  }
  const pushes: Push[] = [];
  const ids = new Map<string, number[]>();
  let bytes = 0;
  let rest = false;
  for (const [docId, list] of byDoc) {
    const update = list.length === 1 ? list[0]!.update : Y.mergeUpdates(list.map((e) => e.update));
    if (pushes.length > 0 && bytes + update.length > budget) {
      rest = true;
      continue;
    }
    bytes += update.length;
    pushes.push({ docId, update });
    ids.set(
      docId,
      list.map((e) => e.id),
    );
  }
  return { pushes, ids, rest };
}

/** Runs one sync to completion: pushes everything pending and pulls every page. */
export async function syncOnce(
  store: SyncStore,
  transport: Transport,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const maxRounds = options.maxRounds ?? 10_000;
  const pushBudget = options.maxPushBytes ?? MAX_REQUEST_BYTES / 2;
  const report: SyncReport = {
    rounds: 0,
    pushedDocs: 0,
    acknowledged: 0,
    refused: [],
    receivedChanges: 0,
    bytesUp: 0,
    bytesDown: 0,
    historyLost: false,
  };
  let catchingUp = false;
  let next: Prefetch | null = null;
  for (;;) {
    if (report.rounds >= maxRounds) throw new Error('sync did not finish within maxRounds');
    const cursor = await store.loadCursor();
    const batch = buildPushes(await store.pendingUpdates(), pushBudget);
    const maxBytes = (catchingUp ? options.catchUpBytes : undefined) ?? options.maxBytes ?? 0;
    // The prefetched pull stands for this request only if this request would be the same.
    const usable = next?.cursor === cursor && batch.pushes.length === 0 ? next : null;
    next = null;
    const body =
      usable?.body ?? encodeRequest({ cursor, maxBytes, pushes: batch.pushes, vectors: [] });
    const answer = await (usable?.answer ?? transport(body));
    const res = decodeResponse(answer);
    report.rounds++;
    report.bytesUp += body.length;
    report.bytesDown += answer.length;
    report.pushedDocs += batch.pushes.length;

    const acked: number[] = [];
    for (const ack of res.acks) {
      const ids = batch.ids.get(ack.docId);
      if (!ids) continue;
      if (ack.code === AckCode.ok) acked.push(...ids);
      else {
        await store.refuse(ids, ack.docId, ack.code, ack.message);
        report.refused.push({ docId: ack.docId, code: ack.code, message: ack.message });
      }
    }
    if (acked.length > 0) await store.acknowledge(acked);
    if (res.historyLost) {
      // Before the new cursor is saved: a crash here repeats the requeue, never skips it.
      await store.requeueAll();
      report.historyLost = true;
    }
    if (options.prefetch && res.more && !res.historyLost && !batch.rest) {
      const pull = encodeRequest({
        cursor: res.cursor,
        maxBytes: options.catchUpBytes ?? options.maxBytes ?? 0,
        pushes: [],
        vectors: [],
      });
      const answer = transport(pull);
      answer.catch(() => undefined); // Awaited (and its failure thrown) only if used.
      next = { cursor: res.cursor, body: pull, answer };
    }
    await store.applyChanges(res.changes, res.cursor);
    report.acknowledged += acked.length;
    report.receivedChanges += res.changes.length;
    catchingUp = res.more;
    options.onPage?.({ received: report.receivedChanges, more: res.more });
    if (!res.more && !batch.rest && !res.historyLost) return report;
  }
}
