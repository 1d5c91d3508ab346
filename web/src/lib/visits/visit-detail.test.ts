import { afterEach, expect, it, vi } from 'vitest';
import { openDb, type OporaDb } from '$lib/db/database';
import { createVisitDoc } from './visit-repo';

let db: OporaDb | null = null;
afterEach(async () => {
  db?.close();
  await db?.delete();
});

// The first report made on a device is summarised before the summarizers have loaded; the
// curator's home reads visits from the details, so the report must get its detail soon anyway.
it('a visit made before the summarizers loaded gets its detail without another edit', async () => {
  db = openDb(`visit-detail-${Math.random()}`);
  const id = await createVisitDoc(db, 'zar-sosh-3', {
    kind: 'interview',
    date: '2039-06-01',
    curatorId: 'u1',
  });
  const first = await db.docs.get(id);
  expect(first?.summary.detail).toBeUndefined();
  await vi.waitFor(
    async () => {
      const detail = (await db!.docs.get(id))?.summary.detail;
      expect(detail?.kind === 'visit' ? [detail.data.kind, detail.data.date] : null).toEqual([
        'interview',
        '2039-06-01',
      ]);
    },
    { timeout: 10_000, interval: 100 },
  );
});
