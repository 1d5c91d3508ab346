/**
 * Backup and restore of the relay's database. Backup uses SQLite's online
 * backup API, so it copies a consistent state while the relay keeps serving.
 * Restore checks that the file is an Opora database, copies it over the live
 * file with the same API (which handles the WAL correctly) and renews the epoch,
 * so every device's next sync re-pushes what the restored database may lack
 * (docs/operations.md, "Restore").
 */
import Database from 'better-sqlite3';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { existsSync } from 'node:fs';
import { openDb, type OpenDb } from '../db/open.ts';
import * as schema from '../db/schema.ts';
import { resetEpoch } from '../repo/meta.ts';

/** The tables an Opora database must hold. */
export const REQUIRED_TABLES: readonly string[] = (Object.values(schema) as unknown[]).flatMap(
  (t) => (is(t, SQLiteTable) ? [getTableName(t)] : []),
);

/** Why a file cannot be restored, in Russian. */
export class NotAnOporaDatabase extends Error {
  override name = 'NotAnOporaDatabase';
}

/** Copies the live database to `file` (online; the relay may keep running). */
export async function backupTo(odb: OpenDb, file: string): Promise<void> {
  await odb.sqlite.backup(file);
}

/** Checks that `file` is an intact Opora database; throws NotAnOporaDatabase. */
export function checkBackupFile(file: string): { tables: number; users: number; updates: number } {
  if (!existsSync(file)) throw new NotAnOporaDatabase(`Файл ${file} не найден.`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new NotAnOporaDatabase(`Не удалось открыть ${file}: ${(e as Error).message}`);
  }
  try {
    let names: Set<string>;
    try {
      const rows = db.prepare("select name from sqlite_master where type = 'table'").all() as {
        name: string;
      }[];
      names = new Set(rows.map((r) => r.name));
    } catch {
      throw new NotAnOporaDatabase(`${file} — не база данных SQLite.`);
    }
    const missing = REQUIRED_TABLES.filter((t) => !names.has(t));
    if (missing.length > 0)
      throw new NotAnOporaDatabase(`${file} — не база «Опоры»: нет таблиц ${missing.join(', ')}.`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new NotAnOporaDatabase(`${file} повреждён: ${String(check)}`);
    const count = (t: string) =>
      (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n;
    return { tables: names.size, users: count('users'), updates: count('updates') };
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the backup `file` and gives it a new
 * epoch; returns the epoch. The relay must not be running on `target`.
 */
export async function restoreFrom(file: string, target: string): Promise<string> {
  checkBackupFile(file);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // Make sure the target exists with its directory, then overwrite it page by page.
    openDb(target).close();
    await source.backup(target);
  } finally {
    source.close();
  }
  const odb = openDb(target);
  try {
    return resetEpoch(odb);
  } finally {
    odb.close();
  }
}
