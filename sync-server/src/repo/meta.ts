/**
 * Key/value facts about the database in the `meta` table: the epoch (renewed on
 * restore so devices re-push everything, docs/sync-protocol.md) and the
 * directory version (bumped on every directory write, so every process holding
 * a cached directory, the relay or the admin CLI, sees that it is stale).
 */
import { eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db, OpenDb } from '../db/open.ts';
import { meta } from '../db/schema.ts';

/** Key of the database's epoch. */
export const EPOCH_KEY = 'epoch';
/** Key of the directory version counter. */
export const DIRECTORY_VERSION_KEY = 'directory_version';

/** A value from `meta`, or undefined. */
export function getMeta(db: Db, key: string): string | undefined {
  return db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get()?.value;
}

/** Writes a value into `meta`. */
export function setMeta(db: Db, key: string, value: string): void {
  db.insert(meta)
    .values({ key, value })
    .onConflictDoUpdate({ target: meta.key, set: { value } })
    .run();
}

function freshEpoch(): string {
  return randomBytes(6).toString('hex');
}

/** The database's epoch, created on first use. */
export function getEpoch(odb: OpenDb): string {
  const fresh = freshEpoch();
  odb.db.insert(meta).values({ key: EPOCH_KEY, value: fresh }).onConflictDoNothing().run();
  return getMeta(odb.db, EPOCH_KEY) ?? fresh;
}

/** Writes a new random epoch (after a restore) and returns it. */
export function resetEpoch(odb: OpenDb): string {
  const value = freshEpoch();
  setMeta(odb.db, EPOCH_KEY, value);
  return value;
}

/** The directory version (0 before the first directory write). */
export function directoryVersion(db: Db): number {
  return Number(getMeta(db, DIRECTORY_VERSION_KEY) ?? 0);
}

/** Increments the directory version; call in the transaction of the directory write. */
export function bumpDirectoryVersion(db: Db): void {
  db.insert(meta)
    .values({ key: DIRECTORY_VERSION_KEY, value: '1' })
    .onConflictDoUpdate({
      target: meta.key,
      set: { value: sql`cast(cast(${meta.value} as integer) + 1 as text)` },
    })
    .run();
}
