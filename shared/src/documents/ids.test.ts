import { describe, expect, it } from 'vitest';
import { formatDocId, parseDocId, schoolsOfDoc, type DocRef } from './ids.ts';

describe('document ids', () => {
  const refs: DocRef[] = [
    { kind: 'questionnaire', schoolId: 's1', formId: 'risk', wave: '2026-entry' },
    { kind: 'roadmap', schoolId: 's1', year: 2026 },
    { kind: 'visit', schoolId: 's-2', visitId: 'v_17' },
    { kind: 'tutoring', leaderSchoolId: 'l1', schoolId: 's1', year: 2025 },
    { kind: 'calendar', municipalityId: 'm1', year: 2026 },
    { kind: 'plan', regionId: 'north', year: 2026 },
    { kind: 'waves', regionId: 'north' },
  ];

  it('round-trips every kind', () => {
    for (const ref of refs) expect(parseDocId(formatDocId(ref))).toEqual(ref);
  });

  it('names the schools a document belongs to', () => {
    expect(refs.map(schoolsOfDoc)).toEqual([['s1'], ['s1'], ['s-2'], ['l1', 's1'], [], [], []]);
  });

  it.each([
    '',
    'school',
    'school:s1',
    'school:S1:roadmap:2026',
    'school:s1:roadmap:26',
    'school:s1:roadmap:2026:extra',
    'school:s1:unknown:x',
    'school::roadmap:2026',
    'partnership:s1:s1:2026',
    'region:north:plan:year',
    'region:north:waves:2026',
    'region::waves',
    'school:s1:visit:v1 ',
    `school:${'a'.repeat(300)}:roadmap:2026`,
  ])('rejects %j', (id) => {
    expect(parseDocId(id)).toBeNull();
  });
});
