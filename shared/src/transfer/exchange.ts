/**
 * Transfer without a network: export a device's documents into a file, import a
 * file into a device. The file format is format.ts; this module decides what
 * goes in and what an import does.
 *
 * Export: per document, when the receiver's state vector is known (from a file
 * it sent earlier), only what it lacks (`Y.diffUpdate`), else the full state;
 * optionally the sender's unacknowledged outbox updates, marked as such.
 *
 * Import is the same CRDT merge the sync uses, so importing a file twice, an old
 * file, or files in any order ends in the same state. It happens in two phases:
 * 1. validate everything: the file (format.ts), then each document in a scratch
 *    Y.Doc built from the device's copy — id, read access, the update decodes,
 *    nothing waits on missing structs, the kind's layout still holds;
 * 2. hand the accepted changes to the device in ONE `applyImport` call, so the
 *    device writes documents and outbox in one transaction. Were they separate,
 *    a crash in between would leave changes on the device that a second import
 *    sees as "unchanged" and never forwards.
 * What a document gained from the file (the diff against the device's state
 * vector before the import) enters the outbox when the user may write it, so the
 * next sync carries it to the relay, which checks rights as for any upload and
 * refuses the rest with a reason that stays on the device.
 */
import * as Y from 'yjs';
import { parseDocId } from '../documents/ids.ts';
import { ShapeError, validateShape } from '../documents/layout.ts';
import type { Change } from '../sync/protocol.ts';
import {
  TRANSFER_FILE_EXTENSION,
  encodeTransferFile,
  readTransferFile,
  type ReadTransferOptions,
  type TransferContents,
  type TransferDraft,
  type TransferInput,
  type TransferManifest,
  type TransferSender,
} from './format.ts';
import { TRANSFER_DOC_REFUSALS, TRANSFER_FORWARD_NOTES } from './messages.ts';

/** What export needs from the device's storage. */
export interface TransferSource {
  /** The document's full state as one v1 update; null when the device does not hold it. */
  state(docId: string): Promise<Uint8Array | null>;
  /** The document's outbox updates the relay has not acknowledged (v1), oldest first. */
  unacknowledged?(docId: string): Promise<Uint8Array[]>;
}

/** What import needs from the device's storage (the web app implements it over Dexie/Yjs). */
export interface TransferTarget {
  /**
   * The document's full state as one v1 update; null when the device does not
   * hold it. Import derives the state vector from it and validates the merge.
   */
  state(docId: string): Promise<Uint8Array | null>;
  /**
   * Applies received changes and queues outbox entries, all in one storage
   * transaction: apply each of `changes` like a change pulled from the relay
   * (Y.applyUpdate with the remote origin, so it does not enter the outbox a
   * second time), and add each of `outbox` as a pending outbox entry that the
   * next sync pushes. Throws when it could not store them; then nothing is stored.
   */
  applyImport(batch: ImportBatch): Promise<void>;
}

/** What one import writes to the device. */
export interface ImportBatch {
  changes: Change[];
  outbox: Change[];
}

/** The access decisions import needs; `AccessScope` fits. */
export interface TransferAccess {
  canRead(docId: string): boolean;
  canWrite(docId: string): boolean;
}

/** Options of an export. */
export interface ExportOptions {
  /** Documents to put in the file; those the device does not hold are left out and listed. */
  docIds: readonly string[];
  sender: TransferSender;
  /** State vectors of the receiving device (from its last file: `knownVectorsOf`). */
  knownVectors?: ReadonlyMap<string, Uint8Array>;
  /** Also carry the sender's unacknowledged outbox updates, marked as such. */
  includeUnacknowledged?: boolean;
  note?: string;
  /** The time written into the manifest (epoch ms); defaults to now. */
  now?: number;
}

/** A made file. */
export interface ExportResult {
  bytes: Uint8Array;
  manifest: TransferManifest;
  /** A suggested file name, e.g. `opora-2026-03-12-1405-dev1.opora`. */
  fileName: string;
  /** Requested documents not put in the file (not on the device, or not a document id). */
  skipped: string[];
}

/** How import forwards received changes to the relay. */
export type ForwardPolicy =
  /** Queue changes of documents the user may write (default; no access given means all). */
  | 'writable'
  /**
   * Queue every readable change and let the relay refuse what it refuses (the
   * refusal and its reason reach the user; the content stays on the device).
   * Changes the user may not write are marked `relayDecides`.
   */
  | 'all';

/** Options of an import. */
export interface ImportOptions extends ReadTransferOptions {
  /** The importing user's rights; without it every valid document is taken and forwarded. */
  access?: TransferAccess;
  forward?: ForwardPolicy;
}

/** Why a document of a file was not taken. */
export type DocRefusalCode = keyof typeof TRANSFER_DOC_REFUSALS;

/** Whether received changes go on to the relay. */
export type ForwardState = keyof typeof TRANSFER_FORWARD_NOTES;

/** The outcome of one document of an import. */
export interface ImportedDocument {
  docId: string;
  status: 'new' | 'updated' | 'unchanged' | 'refused';
  /** Bytes this document took in the file (update and unacknowledged part). */
  bytes: number;
  /** Bytes of what the device did not have (0 when unchanged or refused). */
  newBytes: number;
  /** The sender marked part of it as not yet on the relay. */
  carriedUnacknowledged: boolean;
  forward: ForwardState;
  refusal?: { code: DocRefusalCode; message: string; detail: string };
}

/** What an import brought. */
export interface ImportReport {
  manifest: TransferManifest;
  documents: ImportedDocument[];
  counts: Record<ImportedDocument['status'], number>;
}

function vectorCovers(have: Map<number, number>, need: Map<number, number>): boolean {
  for (const [client, clock] of need) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

/** True for a non-empty state vector that decodes (an unreadable remembered one means: send all). */
function readableVector(v: Uint8Array): boolean {
  if (v.length === 0) return false;
  try {
    Y.decodeStateVector(v);
    return true;
  } catch {
    return false;
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A file name for a manifest: date, time (UTC) and device, safe on every file system. */
export function transferFileName(manifest: TransferManifest): string {
  const t = new Date(manifest.createdAt);
  const date = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const time = `${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}`;
  const device = manifest.sender.deviceId.replace(/[^a-zA-Z0-9_-]/g, '').slice(0, 32) || 'device';
  return `opora-${date}-${time}-${device}${TRANSFER_FILE_EXTENSION}`;
}

/**
 * The sender's state vectors from a file's manifest: keep them per sending
 * device, and pass them as `knownVectors` when making a file back to it.
 */
export function knownVectorsOf(manifest: TransferManifest): Map<string, Uint8Array> {
  return new Map(manifest.documents.map((d) => [d.docId, d.stateVector]));
}

/** Makes a transfer file of the chosen documents. */
export async function exportTransfer(
  source: TransferSource,
  options: ExportOptions,
): Promise<ExportResult> {
  const draft: TransferDraft = {
    createdAt: options.now ?? Date.now(),
    sender: options.sender,
    note: options.note ?? '',
    documents: [],
  };
  const skipped: string[] = [];
  for (const docId of new Set(options.docIds)) {
    const state = parseDocId(docId) ? await source.state(docId) : null;
    if (!state) {
      skipped.push(docId);
      continue;
    }
    const stateVector = Y.encodeStateVectorFromUpdate(state);
    const known = options.knownVectors?.get(docId);
    const diff = known !== undefined && readableVector(known);
    const update = diff ? Y.diffUpdate(state, known) : state;
    let pending: Uint8Array | null = null;
    if (options.includeUnacknowledged && source.unacknowledged) {
      const list = await source.unacknowledged(docId);
      if (list.length > 0) pending = list.length === 1 ? list[0]! : Y.mergeUpdates(list);
      // What the receiver already has needs no second copy.
      if (pending && diff) pending = Y.diffUpdate(pending, known);
    }
    draft.documents.push({
      docId,
      base: diff ? 'diff' : 'full',
      baseVector: diff ? known : new Uint8Array(0),
      stateVector,
      update,
      pending,
    });
  }
  const bytes = await encodeTransferFile(draft);
  const manifest: TransferManifest = {
    formatVersion: 1,
    createdAt: draft.createdAt,
    sender: draft.sender,
    note: draft.note,
    documents: draft.documents.map((d) => ({
      docId: d.docId,
      base: d.base,
      baseVector: d.baseVector,
      stateVector: d.stateVector,
      updateBytes: d.update.length,
      pendingBytes: d.pending?.length ?? 0,
    })),
    totalBytes: draft.documents.reduce((s, d) => s + d.update.length + (d.pending?.length ?? 0), 0),
  };
  return { bytes, manifest, fileName: transferFileName(manifest), skipped };
}

/** Reads and verifies a file without changing anything, e.g. to show its manifest first. */
export function openTransferFile(
  input: TransferInput | Uint8Array,
  options: ReadTransferOptions = {},
): Promise<TransferContents> {
  return readTransferFile(input, options);
}

function refused(
  docId: string,
  bytes: number,
  carried: boolean,
  code: DocRefusalCode,
  detail: string,
): ImportedDocument {
  return {
    docId,
    status: 'refused',
    bytes,
    newBytes: 0,
    carriedUnacknowledged: carried,
    forward: 'none',
    refusal: { code, message: TRANSFER_DOC_REFUSALS[code], detail },
  };
}

/**
 * Validates every document of a read file against the device, then applies the
 * accepted ones in one `applyImport` call. Refused documents change nothing.
 */
export async function applyTransfer(
  contents: TransferContents,
  target: TransferTarget,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const policy = options.forward ?? 'writable';
  const documents: ImportedDocument[] = [];
  const batch: ImportBatch = { changes: [], outbox: [] };
  for (let i = 0; i < contents.manifest.documents.length; i++) {
    const entry = contents.manifest.documents[i]!;
    const record = contents.records[i]!;
    const { docId } = entry;
    const bytes = entry.updateBytes + entry.pendingBytes;
    const carried = record.pending !== null;
    const ref = parseDocId(docId);
    if (!ref) {
      documents.push(refused(docId, bytes, carried, 'badDocumentId', 'not a document id'));
      continue;
    }
    if (options.access && !options.access.canRead(docId)) {
      documents.push(refused(docId, bytes, carried, 'forbidden', 'the user may not read it'));
      continue;
    }
    const state = await target.state(docId);
    const scratch = new Y.Doc();
    try {
      if (state) Y.applyUpdate(scratch, state);
      const before = Y.snapshot(scratch);
      const svBefore = Y.encodeStateVector(scratch);
      const beforeMap = Y.decodeStateVector(svBefore);
      try {
        Y.applyUpdate(scratch, record.update);
        if (record.pending) Y.applyUpdate(scratch, record.pending);
      } catch (e) {
        documents.push(
          refused(
            docId,
            bytes,
            carried,
            'malformedUpdate',
            e instanceof Error ? e.message : String(e),
          ),
        );
        continue;
      }
      if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
        const base = entry.base === 'diff' ? Y.decodeStateVector(entry.baseVector) : new Map();
        const detail = vectorCovers(beforeMap, base)
          ? 'the update depends on changes the file does not carry'
          : 'the diff was cut against a state this device does not have';
        documents.push(refused(docId, bytes, carried, 'missingDependencies', detail));
        continue;
      }
      try {
        validateShape(scratch, ref.kind);
      } catch (e) {
        if (!(e instanceof ShapeError)) throw e;
        documents.push(refused(docId, bytes, carried, 'invalidShape', e.message));
        continue;
      }
      if (Y.equalSnapshots(before, Y.snapshot(scratch))) {
        documents.push({
          docId,
          status: 'unchanged',
          bytes,
          newBytes: 0,
          carriedUnacknowledged: carried,
          forward: 'none',
        });
        continue;
      }
      const incoming = record.pending
        ? Y.mergeUpdates([record.update, record.pending])
        : record.update;
      const gained = state ? Y.diffUpdate(incoming, svBefore) : incoming;
      batch.changes.push({ docId, update: gained });
      const writable = options.access ? options.access.canWrite(docId) : true;
      const queue = policy === 'all' || writable;
      if (queue) batch.outbox.push({ docId, update: gained });
      documents.push({
        docId,
        status: state ? 'updated' : 'new',
        bytes,
        newBytes: gained.length,
        carriedUnacknowledged: carried,
        forward: !queue ? 'readOnly' : writable ? 'queued' : 'relayDecides',
      });
    } finally {
      scratch.destroy();
    }
  }
  if (batch.changes.length > 0) await target.applyImport(batch);
  const counts = { new: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const d of documents) counts[d.status]++;
  return { manifest: contents.manifest, documents, counts };
}

/**
 * «Принять файл»: reads and verifies the file, validates every document, then
 * merges the accepted ones into the device. Throws TransferError (with a Russian
 * message) when the file as a whole is refused; then nothing changed.
 */
export async function importTransfer(
  input: TransferInput | Uint8Array,
  target: TransferTarget,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const contents = await readTransferFile(input, options);
  return applyTransfer(contents, target, options);
}
