import { describe, expect, it } from 'vitest';
import { AccessScope, directoryFromSnapshot, type StoredWave } from '@opora/shared';
import { fixtureDirectory, schoolMember } from '@opora/shared/testing/directory';
import { NO_SUMMARIES, buildQuestionnaireList } from './school-questionnaires';
import { groupByWave } from './wave-groups';

const dir = fixtureDirectory(['s1']);
const teacher = schoolMember('teacher', 's1');
const scope = new AccessScope([teacher], directoryFromSnapshot(dir));

function opened(id: string, opensOn: string, closesOn: string): StoredWave {
  const [year, kind] = id.split('-') as [string, 'entry' | 'mid' | 'final'];
  const wave = { id, year: Number(year), kind, opensOn, closesOn, formIds: ['management'] };
  return { wave: { ...wave, openedBy: 'r', openedAt: 1 }, by: 'r', at: 1, others: [] };
}

const list = (today: string, waves: StoredWave[] = []) =>
  groupByWave(buildQuestionnaireList('s1', 2026, NO_SUMMARIES, scope, waves, today), today);

describe('questionnaires grouped by wave', () => {
  it('without opened waves, expands the first wave whose default deadline is not past', () => {
    const march = list('2026-03-01');
    expect(march.map((g) => [g.wave, g.current])).toEqual([
      ['2026-entry', true],
      ['2026-mid', false],
      ['2026-final', false],
    ]);
    expect(march[0]?.items.length).toBeGreaterThan(1);
    expect(list('2026-11-26').map((g) => [g.wave, g.current])).toEqual([
      ['2026-final', true],
      ['2026-entry', false],
      ['2026-mid', false],
    ]);
    // After the last default deadline: the last wave stays in front.
    expect(list('2026-12-30')[0]?.wave).toBe('2026-final');
  });

  it('puts the waves the region opened and not over first, past ones collapsed', () => {
    const groups = list('2026-05-10', [
      opened('2026-entry', '2026-02-01', '2026-03-31'),
      opened('2026-mid', '2026-05-01', '2026-05-31'),
      opened('2043-entry', '2043-02-01', '2043-03-31'),
    ]);
    expect(groups.map((g) => [g.wave, g.current])).toEqual([
      ['2026-mid', true],
      ['2043-entry', true],
      ['2026-entry', false],
      ['2026-final', false],
    ]);
    // An opened wave lists only its forms.
    expect(groups[0]?.items.map((i) => i.formId)).toEqual(['management']);
    expect(groups[2]?.period?.phase).toBe('closed');
  });
});
