/**
 * «Сохранить копию»: every document on the device (full Yjs state) and the
 * outbox, in one JSON file. Importing merges each document by the same CRDT
 * merge as sync; what the file adds to this device is queued for the relay, so
 * a curator can carry a school's changes (the relay checks the curator's rights
 * as for any upload).
 */
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { parseDocId } from '@opora/shared';
import { DOC_UPDATES_TABLE, type OporaDb } from '$lib/db/database';
import { storedState, writeRemote } from '$lib/documents/doc-repo';

/** Marker and version of the file format. */
export const BACKUP_FORMAT = 'opora-backup';
export const BACKUP_VERSION = 1;

/** The file's content. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  user: { id: string; login: string } | null;
  docs: { id: string; state: string }[];
  outbox: { docId: string; update: string }[];
}

/** The file is not a backup of this app. */
export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
}

/** Builds the backup of everything on the device. */
export async function exportBackup(db: OporaDb): Promise<Backup> {
  const session = (await db.kv.get('session'))?.value;
  const ids = (await db.docs.toCollection().primaryKeys()) as string[];
  const docs: Backup['docs'] = [];
  for (const id of ids) docs.push({ id, state: toBase64(await storedState(db, id)) });
  const outbox = (await db.outbox.toArray()).map((r) => ({
    docId: r.docId,
    update: toBase64(r.update),
  }));
  const user =
    session && 'user' in session ? { id: session.user.id, login: session.user.login } : null;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    user,
    docs,
    outbox,
  };
}

/** Checks and decodes a backup file's text. */
export function parseBackup(text: string): Backup {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupFormatError('not JSON');
  }
  if (typeof value !== 'object' || value === null) throw new BackupFormatError('not an object');
  const b = value as Partial<Backup>;
  if (b.format !== BACKUP_FORMAT || typeof b.version !== 'number' || b.version > BACKUP_VERSION)
    throw new BackupFormatError('not an Opora backup');
  if (!Array.isArray(b.docs) || !Array.isArray(b.outbox))
    throw new BackupFormatError('no documents');
  for (const d of b.docs)
    if (typeof d?.id !== 'string' || typeof d.state !== 'string' || !parseDocId(d.id))
      throw new BackupFormatError('bad document');
  for (const o of b.outbox)
    if (typeof o?.docId !== 'string' || typeof o.update !== 'string' || !parseDocId(o.docId))
      throw new BackupFormatError('bad outbox entry');
  return b as Backup;
}

/** Merges a backup into the device; returns how many documents gained something. */
export async function importBackup(db: OporaDb, backup: Backup): Promise<number> {
  const decoded = backup.docs.map((d) => ({ id: d.id, state: decode(d.state) }));
  const queued = backup.outbox.map((o) => ({ docId: o.docId, update: decode(o.update) }));
  let changed = 0;
  await db.transaction('rw', [db.docs, db.table(DOC_UPDATES_TABLE), db.outbox], async () => {
    const now = Date.now();
    for (const { id, state } of decoded) {
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, await storedState(db, id));
      // Yjs emits an update only for what is new: exactly the part this device lacks.
      let added: Uint8Array | null = null;
      scratch.on('update', (u: Uint8Array) => (added = added ? Y.mergeUpdates([added, u]) : u));
      Y.applyUpdate(scratch, state);
      scratch.destroy();
      const diff = added as Uint8Array | null;
      if (!diff) continue;
      await writeRemote(db, [{ docId: id, update: diff }]);
      await db.outbox.add({ docId: id, update: diff, status: 'pending', createdAt: now } as never);
      changed++;
    }
    // The other device's unsent changes: sent again (a duplicate changes nothing on the relay).
    for (const q of queued)
      await db.outbox.add({
        docId: q.docId,
        update: q.update,
        status: 'pending',
        createdAt: now,
      } as never);
  });
  return changed;
}

function decode(b64: string): Uint8Array {
  try {
    const bytes = fromBase64(b64);
    Y.decodeUpdate(bytes);
    return bytes;
  } catch {
    throw new BackupFormatError('bad update');
  }
}
