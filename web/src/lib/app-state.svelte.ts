/** The app-wide rune objects, created once in the browser. */
import { appDb } from '$lib/db/database';
import { sessionManager } from '$lib/auth/session.svelte';
import { SyncStatus } from '$lib/sync/sync-status.svelte';

let status: SyncStatus | undefined;

/** Pending, refused and last-sync state for the header and the status page. */
export function syncStatus(): SyncStatus {
  status ??= new SyncStatus(appDb());
  return status;
}

export { appDb, sessionManager };
