import { afterEach, describe, expect, it } from 'vitest';
import {
  AccessScope,
  directoryFromSnapshot,
  managementForm,
  writeWave,
  type Membership,
} from '@opora/shared';
import { fixtureDirectory, schoolMember } from '@opora/shared/testing/directory';
import { openDb, SUMMARY_DETAIL_VERSION, type OporaDb } from '$lib/db/database';
import { openDoc } from '$lib/documents/doc-repo';
import { QuestionnaireModel } from './questionnaire-model';
import {
  buildQuestionnaireList,
  loadSummaries,
  loadWaves,
  yearWaves,
} from './school-questionnaires';

const dbs: OporaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const dir = fixtureDirectory(['s1']);
const scope = (m: Membership[]) => new AccessScope(m, directoryFromSnapshot(dir));
const teacher = schoolMember('teacher', 's1');

describe('school questionnaires', () => {
  it('lists six forms for each wave of the year, with the summary of what is stored', async () => {
    const db = openDb(`sq-${Math.random()}`);
    dbs.push(db);
    const docId = 'school:s1:questionnaire:management:2026-mid';
    const open = await openDoc(db, docId);
    const m = new QuestionnaireModel(open, managementForm, '2026-mid', {
      userId: 'u-teacher',
      roles: ['teacher'],
      canWrite: true,
    });
    m.init();
    m.answer('mg_program', false);
    m.answer('mg_vsoko', true);
    m.act('submit');
    await open.flushed();
    open.close();

    const summaries = await loadSummaries(db, 's1');
    expect(summaries.get(docId)).toMatchObject({
      formId: 'management',
      wave: '2026-mid',
      status: 'submitted',
      statusBy: 'u-teacher',
      lastChangeBy: 'u-teacher',
    });
    expect(summaries.get(docId)?.percent).toBeGreaterThan(0);

    const items = buildQuestionnaireList('s1', 2026, summaries, scope([teacher]));
    expect(items).toHaveLength(18);
    expect(yearWaves(2026)).toEqual(['2026-entry', '2026-mid', '2026-final']);
    const item = items.find((i) => i.docId === docId);
    expect(item).toMatchObject({ canWrite: true, waveLabel: 'Промежуточный мониторинг 2026' });
    expect(item?.summary?.status).toBe('submitted');
    expect(items.filter((i) => i.summary !== null)).toHaveLength(1);
  });

  it('reads the summary stored with the document, and recomputes one of an older mapping', async () => {
    const db = openDb(`sq-${Math.random()}`);
    dbs.push(db);
    const docId = 'school:s1:questionnaire:management:2026-entry';
    const open = await openDoc(db, docId);
    const m = new QuestionnaireModel(open, managementForm, '2026-entry', {
      userId: 'u-teacher',
      roles: ['teacher'],
      canWrite: true,
    });
    m.init();
    m.answer('mg_program', true);
    await open.flushed();
    open.close();
    const computed = (await loadSummaries(db, 's1')).get(docId);
    expect(computed?.percent).toBeGreaterThan(0);

    // A current stored detail is taken as it is (no document is read)…
    const row = await db.docs.get(docId);
    const stored = { dv: SUMMARY_DETAIL_VERSION, kind: 'questionnaire' as const };
    const data = { ...computed!, percent: 42 };
    await db.docs.update(docId, { summary: { ...row!.summary, detail: { ...stored, data } } });
    expect((await loadSummaries(db, 's1')).get(docId)?.percent).toBe(42);
    // …one of an older mapping is recomputed from the stored state.
    const old = { ...stored, dv: SUMMARY_DETAIL_VERSION - 1, data };
    await db.docs.update(docId, { summary: { ...row!.summary, detail: old } });
    expect((await loadSummaries(db, 's1')).get(docId)?.percent).toBe(computed?.percent);
    // A document the summarizer could not read (null detail) is listed without a summary.
    await db.docs.update(docId, { summary: { ...row!.summary, detail: null } });
    expect((await loadSummaries(db, 's1')).has(docId)).toBe(false);
  });

  it('shows nothing of a school the user cannot read, and read-only to a municipality', () => {
    expect(buildQuestionnaireList('s1', 2026, new Map(), scope([]))).toEqual([]);
    const mo: Membership = {
      role: 'municipal_coordinator',
      schoolId: null,
      municipalityId: 'm',
      regionId: null,
    };
    const items = buildQuestionnaireList('s1', 2026, new Map(), scope([mo]));
    expect(items.length).toBe(18);
    expect(items.every((i) => !i.canWrite)).toBe(true);
  });

  it('adds the region’s open and upcoming waves with their period and forms, read from the device', async () => {
    const db = openDb(`sq-${Math.random()}`);
    dbs.push(db);
    const open = await openDoc(db, 'region:r:waves');
    const wave = (id: string, opensOn: string, closesOn: string, formIds: string[]) => {
      const [year, kind] = id.split('-') as [string, 'entry' | 'mid' | 'final'];
      open.transact((doc) =>
        writeWave(
          doc,
          { id, year: Number(year), kind, opensOn, closesOn, formIds, openedBy: 'r', openedAt: 1 },
          'r',
        ),
      );
    };
    wave('2035-entry', '2035-02-01', '2035-03-15', ['management', 'teaching']);
    wave('2025-final', '2025-11-01', '2025-12-15', ['management']);
    wave('2026-mid', '2026-09-01', '2026-10-10', ['risk_diagnostic']);
    await open.flushed();
    open.close();
    const waves = await loadWaves(db, 'r');
    expect(waves.map((w) => w.wave.id)).toEqual(['2025-final', '2026-mid', '2035-entry']);
    expect(await loadWaves(db, 'elsewhere')).toEqual([]);

    const items = buildQuestionnaireList(
      's1',
      2026,
      new Map(),
      scope([teacher]),
      waves,
      '2026-11-26',
    );
    // 2026: entry and final with every form, mid with its one form; 2035 (upcoming) with its two;
    // 2025-final is over and not of this year.
    expect(items.filter((i) => i.wave === '2026-mid').map((i) => i.formId)).toEqual([
      'risk_diagnostic',
    ]);
    expect(items.filter((i) => i.wave === '2035-entry').map((i) => [i.formId, i.period])).toEqual([
      ['management', { opensOn: '2035-02-01', closesOn: '2035-03-15', phase: 'upcoming' }],
      ['teaching', { opensOn: '2035-02-01', closesOn: '2035-03-15', phase: 'upcoming' }],
    ]);
    expect(items.some((i) => i.wave === '2025-final')).toBe(false);
    expect(items.find((i) => i.wave === '2026-entry')?.period).toBeNull();
    expect(items).toHaveLength(6 + 1 + 6 + 2);
  });
});
