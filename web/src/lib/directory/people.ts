/**
 * Names of people by user id. Documents record authors by id only (answers,
 * submissions, risk-factor marks, visits); the names come from what the device
 * knows: the signed-in user, the directory's `people` and its curators. An id
 * it does not know gets a neutral word from the catalogue, never the raw id.
 */
import type { DirectorySnapshot } from '@opora/shared';
import { t } from '$lib/i18n/ru';

/** Everyone this device can name, by user id (the signed-in user wins over the directory). */
export function peopleNames(
  user: { id: string; name: string } | null | undefined,
  directory: Pick<DirectorySnapshot, 'people' | 'curators'>,
): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const c of directory.curators ?? []) if (c.name) names.set(c.id, c.name);
  // Older stored snapshots have no `people`; hostile entries without a name are skipped.
  for (const p of directory.people ?? []) if (p.id && p.name) names.set(p.id, p.name);
  if (user?.name) names.set(user.id, user.name);
  return names;
}

/** A person's name by user id, or the catalogue's neutral word when unknown. */
export function personName(names: ReadonlyMap<string, string>, id: string): string {
  return names.get(id) ?? t.people.unknown;
}
