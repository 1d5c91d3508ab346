/** What «Передать без интернета» offers to send: everything on the device, or one school's documents. */
import type { DirectorySnapshot } from '@opora/shared';
import { tt } from '$lib/i18n/transfer';

/** One choice of what to send. */
export interface TransferChoice {
  /** 'all', or the school's id. */
  key: string;
  label: string;
  docIds: string[];
}

/** Everything first, then each school with documents on the device, by name. */
export function transferChoices(
  rows: readonly { id: string; schoolId: string }[],
  directory: DirectorySnapshot,
): TransferChoice[] {
  const bySchool = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.schoolId) continue;
    const list = bySchool.get(r.schoolId) ?? [];
    list.push(r.id);
    bySchool.set(r.schoolId, list);
  }
  const names = new Map(
    [...(directory.partnerSchools ?? []), ...directory.schools].map((s) => [s.id, s.name]),
  );
  const schools = [...bySchool]
    .map(([id, docIds]) => ({ id, name: names.get(id) ?? id, docIds }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map((s) => ({
      key: s.id,
      label: tt.export.school(s.name, s.docIds.length),
      docIds: s.docIds,
    }));
  return [
    { key: 'all', label: tt.export.all(rows.length), docIds: rows.map((r) => r.id) },
    ...schools,
  ];
}
