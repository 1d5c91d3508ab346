/**
 * A pid file beside the database while a relay serves it, so the admin CLI can
 * refuse to restore over a database in use. Advisory: a stale file (its process
 * is gone) is ignored.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Path of the pid file of a database. */
export function lockPath(databasePath: string): string {
  return `${databasePath}.relay.pid`;
}

/** Writes the pid file; returns the function that removes it. */
export function holdLock(databasePath: string, pid = process.pid): () => void {
  const path = lockPath(databasePath);
  writeFileSync(path, String(pid));
  return () => {
    try {
      if (readFileSync(path, 'utf8') === String(pid)) rmSync(path);
    } catch {
      // Already gone.
    }
  };
}

/** The pid of a live relay holding the database, or null. */
export function lockHolder(databasePath: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(lockPath(databasePath), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
