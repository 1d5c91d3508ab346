import { describe, expect, it } from 'vitest';
import type { DirectorySnapshot } from '@opora/shared';
import { peopleNames, personName } from './people';

const base: DirectorySnapshot = { regions: [], municipalities: [], schools: [], partnerships: [] };

describe('personName', () => {
  it('names the user, the directory’s people and curators; never shows a raw id', () => {
    const names = peopleNames(
      { id: 'u-teacher', name: 'Иванова Мария Алексеевна' },
      {
        ...base,
        people: [
          { id: 'u-director', name: 'Смирнова Елена Викторовна' },
          { id: 'u-teacher', name: 'старое имя' },
        ],
        curators: [{ id: 'u-curator', name: 'Морозова Татьяна Николаевна', schoolIds: ['s1'] }],
      },
    );
    expect(personName(names, 'u-director')).toBe('Смирнова Елена Викторовна');
    expect(personName(names, 'u-curator')).toBe('Морозова Татьяна Николаевна');
    expect(personName(names, 'u-teacher')).toBe('Иванова Мария Алексеевна');
    expect(personName(names, 'u-team-oz-sosh-2')).toBe('участник');
    expect(personName(names, '')).toBe('участник');
  });

  it('works with a snapshot stored before `people` existed and without a user', () => {
    const names = peopleNames(null, base);
    expect(names.size).toBe(0);
    expect(personName(names, 'u-director')).toBe('участник');
    const onlyCurators = peopleNames(undefined, {
      curators: [{ id: 'u-c', name: 'Волков Сергей Александрович', schoolIds: [] }],
    });
    expect(personName(onlyCurators, 'u-c')).toBe('Волков Сергей Александрович');
  });

  it('skips entries without a name rather than naming someone by nothing', () => {
    const names = peopleNames(null, { ...base, people: [{ id: 'u-x', name: '' }] });
    expect(personName(names, 'u-x')).toBe('участник');
  });
});
