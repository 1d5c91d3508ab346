/**
 * Keeps the document class of a screen (a roadmap, a report, a tutor-support
 * plan) open for the screen's current id, for the signed-in person and scope.
 */
import { untrack } from 'svelte';
import type { AccessScope } from '@opora/shared';
import { appDb, sessionManager } from '$lib/app-state.svelte';
import type { OporaDb } from '$lib/db/database';
import type { DocUser } from './screen-doc.svelte';

/** A document class built for one id, scope and person. */
export type DocClass<D> = new (
  db: OporaDb,
  docId: string,
  scope: AccessScope,
  user: DocUser | null,
) => D;

/**
 * Builds and loads the document when the id or the directory's arrival changes
 * (not on every session write) and closes it when the id changes or the screen
 * goes. Call while a component initialises; `current` is null until then.
 */
export function docOnScreen<D extends { close(): void }>(
  docId: () => string,
  Doc: DocClass<D>,
  load: (doc: D) => Promise<void>,
): { readonly current: D | null } {
  const session = sessionManager();
  let current = $state<D | null>(null);
  $effect(() => {
    void session.hasDirectory;
    const id = docId();
    const d = untrack(() => {
      const user = session.session?.user;
      return new Doc(appDb(), id, session.scope, user ? { id: user.id, name: user.name } : null);
    });
    current = d;
    void load(d);
    return () => d.close();
  });
  return {
    get current() {
      return current;
    },
  };
}
