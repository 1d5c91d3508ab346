/**
 * «Сохранить копию»: every document on the device (full Yjs state) and its
 * unacknowledged outbox, in one offline-transfer file (`.opora`,
 * shared/src/transfer/format.ts: binary, compressed, integrity-checked, with a
 * manifest). Importing one is «Принять файл»: each document merges by the same
 * CRDT merge as sync, and what the file adds to this device is queued for the
 * relay, so a copy restored on another device (or carried by a curator) reaches
 * it; the relay checks rights as for any upload.
 */
import {
  exportTransfer,
  importTransfer,
  type ExportResult,
  type ImportReport,
  type TransferAccess,
} from '@opora/shared/transfer/exchange';
import type { TransferInput, TransferSender } from '@opora/shared/transfer/format';
import { kvGet, type OporaDb } from '$lib/db/database';
import { DexieTransferStore } from '$lib/transfer/dexie-transfer';

/** Who the file is from: the signed-in user and this device (a placeholder when signed out). */
export async function deviceSender(db: OporaDb): Promise<TransferSender> {
  const session = await kvGet(db, 'session');
  return session
    ? { userId: session.user.id, userName: session.user.name, deviceId: session.deviceId }
    : { userId: '', userName: '', deviceId: 'device' };
}

/** Builds the copy of everything on the device. */
export async function exportBackup(db: OporaDb, now?: number): Promise<ExportResult> {
  const store = new DexieTransferStore(db);
  return exportTransfer(store, {
    docIds: await store.docIds(),
    sender: await deviceSender(db),
    includeUnacknowledged: true,
    now,
  });
}

/**
 * Merges a copy into the device. Throws TransferError (Russian message) when
 * the file is refused as a whole; then nothing changed.
 */
export function importBackup(
  db: OporaDb,
  file: TransferInput | Uint8Array,
  access?: TransferAccess,
): Promise<ImportReport> {
  return importTransfer(file, new DexieTransferStore(db), { access });
}
