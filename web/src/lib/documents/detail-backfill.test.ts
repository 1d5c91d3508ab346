import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setExamResult } from '@opora/shared';
import { openDb, type OporaDb } from '$lib/db/database';
import { writeRemote } from './doc-repo';

const dbs: OporaDb[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

it('a sync that stored summaries before the summarizers loaded gets their details soon after', async () => {
  const db = openDb(`backfill-${Math.random()}`);
  dbs.push(db);
  const doc = new Y.Doc();
  setExamResult(doc, 2025, 'oge_math', 14.9);
  // The first summary of this module's life: the summarizers start loading now.
  await writeRemote(db, [{ docId: 'school:s1:exams', update: Y.encodeStateAsUpdate(doc) }]);
  expect((await db.docs.get('school:s1:exams'))?.summary.detail).toBeUndefined();
  await expect
    .poll(async () => (await db.docs.get('school:s1:exams'))?.summary.detail, { timeout: 10_000 })
    .toMatchObject({ kind: 'exams', results: { '2025:oge_math': 14.9 } });
});
