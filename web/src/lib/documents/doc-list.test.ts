import { describe, expect, it } from 'vitest';
import { AccessScope, directoryFromSnapshot } from '@opora/shared';
import { fixtureDirectory, fixtureSchool, schoolMember } from '@opora/shared/testing/directory';
import { buildDocList, schoolRegionId, type DocIndexRow } from './doc-list';

const dir = fixtureDirectory(
  ['s1', fixtureSchool('l1', { leader: true })],
  [{ leaderSchoolId: 'l1', schoolId: 's1', year: 2026 }],
);
const teacher = schoolMember('teacher', 's1');
const scope = new AccessScope([teacher], directoryFromSnapshot(dir));
const row = (id: string): DocIndexRow => ({
  id,
  kind: id.split(':')[2] as DocIndexRow['kind'],
  schoolId: 's1',
  summary: { filled: 1, textLength: 0 },
  updatedAt: 0,
});

describe('the school’s «Документы» list', () => {
  it('lists the exam results and what no section shows, each once', () => {
    const rows = [
      row('school:s1:questionnaire:management:2026-entry'), // the questionnaire section
      row('school:s1:questionnaire:management:2043-entry'), // opened below, so also a section's
      row('school:s1:questionnaire:management:2020-final'), // a past year: only here
      row('school:s1:roadmap:2026'), // the plans section
      row('school:s1:roadmap:2025'),
      row('school:s1:visit:20260301-abc'), // the visits section
      row('school:s1:exams'),
    ];
    const opened = {
      wave: {
        id: '2043-entry',
        year: 2043,
        kind: 'entry' as const,
        opensOn: '2043-02-01',
        closesOn: '2043-03-31',
        formIds: ['management'],
        openedBy: 'r',
        openedAt: 1,
      },
      by: 'r',
      at: 1,
      others: [],
    };
    const items = buildDocList(
      's1',
      rows,
      [{ docId: 'school:s1:exams', status: 'pending' }],
      scope,
      {
        year: 2026,
        waves: [opened],
        today: '2026-11-26',
        partnerships: dir.partnerships,
      },
    );
    expect(items.map((i) => i.id)).toEqual([
      'school:s1:exams',
      'school:s1:questionnaire:management:2020-final',
      'school:s1:roadmap:2025',
    ]);
    expect(items[0]?.pending).toBe(1);
    expect(items[1]?.title).toBe('Качество управления — Итоговый мониторинг 2020');
  });

  it('finds a school’s region through its municipality', () => {
    expect(schoolRegionId(dir, 's1')).toBe('r');
    expect(schoolRegionId(dir, 'nope')).toBeNull();
  });
});
