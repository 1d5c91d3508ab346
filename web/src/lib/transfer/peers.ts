/**
 * The devices this one received transfer files from, and the state vectors
 * their latest file declared. A file back to such a device then carries only
 * what it lacks (`knownVectors`, shared/src/transfer/exchange.ts); should it have
 * lost data since, its import refuses the document and asks for a full file.
 */
import { knownVectorsOf } from '@opora/shared/transfer/exchange';
import type { TransferManifest } from '@opora/shared/transfer/format';
import { kvGet, kvPut, type OporaDb, type TransferPeer } from '$lib/db/database';

/** Peers kept, most recent first; older ones fall back to full files. */
export const MAX_PEERS = 10;

/** The remembered peers, latest file first. */
export async function loadPeers(db: OporaDb): Promise<TransferPeer[]> {
  return (await kvGet(db, 'transferPeers')) ?? [];
}

/** Remembers what the sender of an imported file held (a newer file of the same device wins). */
export async function rememberPeer(db: OporaDb, manifest: TransferManifest): Promise<void> {
  const { deviceId, userName } = manifest.sender;
  if (!deviceId) return;
  await db.transaction('rw', db.kv, async () => {
    const peers = await loadPeers(db);
    const previous = peers.find((p) => p.deviceId === deviceId);
    if (previous && previous.fileAt > manifest.createdAt) return;
    // Documents of an older file stay known unless the newer one names them again.
    const vectors = {
      ...(previous?.vectors ?? {}),
      ...Object.fromEntries(knownVectorsOf(manifest)),
    };
    const next = [
      { deviceId, userName, fileAt: manifest.createdAt, vectors },
      ...peers.filter((p) => p.deviceId !== deviceId),
    ].slice(0, MAX_PEERS);
    await kvPut(db, 'transferPeers', next);
  });
}

/** The known vectors of a peer, for `exportTransfer`. */
export function peerVectors(peer: TransferPeer): Map<string, Uint8Array> {
  return new Map(Object.entries(peer.vectors));
}
