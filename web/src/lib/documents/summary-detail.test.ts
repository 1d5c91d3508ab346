import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setExamResult, submitForReview } from '@opora/shared';
import { createVisit } from '@opora/shared/visits/model';
import { openDb, SUMMARY_DETAIL_VERSION, type OporaDb } from '$lib/db/database';
import { writeRemote } from './doc-repo';
import { backfillDetails } from './detail-backfill';
import { loadDetailSummarizers, summarize } from './summary';
import { computeDetail, detailIsStale } from './summary-detail';

const dbs: OporaDb[] = [];
let n = 0;

function freshDb(): OporaDb {
  const db = openDb(`detail-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const Q_ID = 'school:s1:questionnaire:management:2026-entry';
const EXAMS_ID = 'school:s1:exams';
const VISIT_ID = 'school:s1:visit:20261001-abc';

function submittedQuestionnaire(): Y.Doc {
  const doc = new Y.Doc();
  submitForReview(doc, 'u-director', { at: Date.UTC(2026, 2, 10) });
  return doc;
}

describe('summary detail', () => {
  it('summarises a questionnaire with the shared summarizer: form, wave, status', () => {
    const d = computeDetail(submittedQuestionnaire(), 'questionnaire', Q_ID);
    expect(d?.kind).toBe('questionnaire');
    if (d?.kind !== 'questionnaire') return;
    expect(d.dv).toBe(SUMMARY_DETAIL_VERSION);
    expect(d.data.formId).toBe('management');
    expect(d.data.wave).toBe('2026-entry');
    expect(d.data.status).toBe('submitted');
    expect(d.data.statusAt).toBe(Date.UTC(2026, 2, 10));
  });

  it('keeps exam results compact, by year and indicator', () => {
    const doc = new Y.Doc();
    setExamResult(doc, 2025, 'ege_math', 48.5);
    setExamResult(doc, 2026, 'oge_russian', 27.1);
    expect(computeDetail(doc, 'exams', EXAMS_ID)).toEqual({
      dv: SUMMARY_DETAIL_VERSION,
      kind: 'exams',
      results: { '2025:ege_math': 48.5, '2026:oge_russian': 27.1 },
    });
  });

  it('summarises a visit, and dates roadmap details with the day they were counted on', () => {
    const visit = new Y.Doc();
    createVisit(
      visit,
      { kind: 'visit', date: '2026-10-01', curatorId: 'u-curator', status: 'done' },
      { by: 'u-curator' },
    );
    const v = computeDetail(visit, 'visit', VISIT_ID);
    expect(v?.kind === 'visit' && v.data.curatorId).toBe('u-curator');
    expect(v?.kind === 'visit' && v.data.status).toBe('done');

    const roadmap = computeDetail(new Y.Doc(), 'roadmap', 'school:s1:roadmap:2026', '2026-11-25');
    expect(roadmap?.kind === 'roadmap' && roadmap.asOf).toBe('2026-11-25');
    expect(detailIsStale(roadmap, 'roadmap', '2026-11-25')).toBe(false);
    expect(detailIsStale(roadmap, 'roadmap', '2026-11-26')).toBe(true);
    expect(detailIsStale(undefined, 'exams')).toBe(true);
  });

  it('gives null, not an exception, for a form it does not know', () => {
    expect(
      computeDetail(new Y.Doc(), 'questionnaire', 'school:s1:questionnaire:nope:2026-entry'),
    ).toBeNull();
  });

  it('summarize adds the detail once the summarizers are loaded, and keeps filled/textLength', async () => {
    await loadDetailSummarizers();
    const doc = new Y.Doc();
    setExamResult(doc, 2026, 'ege_russian', 65.4);
    const s = summarize(doc, 'exams', EXAMS_ID);
    expect(s.filled).toBe(1);
    expect(s.textLength).toBe(0);
    expect(s.detail?.kind).toBe('exams');
    expect(summarize(doc, 'exams')).toEqual({ filled: 1, textLength: 0 });
  });

  it('recomputes the detail when a remote change arrives', async () => {
    await loadDetailSummarizers();
    const db = freshDb();
    const doc = new Y.Doc();
    setExamResult(doc, 2026, 'ege_russian', 60);
    await writeRemote(db, [{ docId: EXAMS_ID, update: Y.encodeStateAsUpdate(doc) }]);
    const before = Y.encodeStateVector(doc);
    setExamResult(doc, 2026, 'ege_russian', 70);
    await writeRemote(db, [{ docId: EXAMS_ID, update: Y.encodeStateAsUpdate(doc, before) }]);
    const row = await db.docs.get(EXAMS_ID);
    expect(row?.summary.detail).toMatchObject({
      kind: 'exams',
      results: { '2026:ege_russian': 70 },
    });
  });

  it('the backfill fills rows stored without a detail', async () => {
    const db = freshDb();
    const q = submittedQuestionnaire();
    await writeRemote(db, [{ docId: Q_ID, update: Y.encodeStateAsUpdate(q) }]);
    // As stored before the summarizers had loaded.
    await db.docs.update(Q_ID, { summary: { filled: 1, textLength: 0 } });
    expect((await db.docs.get(Q_ID))?.summary.detail).toBeUndefined();
    expect(await backfillDetails(db)).toBe(1);
    const row = await db.docs.get(Q_ID);
    expect(row?.summary.detail).toMatchObject({
      kind: 'questionnaire',
      data: { status: 'submitted' },
    });
    expect(await backfillDetails(db)).toBe(0);
  });
});
