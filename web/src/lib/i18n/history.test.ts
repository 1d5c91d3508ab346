import { describe, expect, it } from 'vitest';
import type { HistoryEntry, TutoringHistoryEntry } from '@opora/shared';
import { tr } from './roadmap';
import { tt } from './tutoring';

const base = { id: 'h', at: 0, by: 'u', byName: 'Иванова А. П.', targetId: 'x', label: '' };

describe('history wording', () => {
  it('says roadmap changes in words, not codes', () => {
    const e = (over: Partial<HistoryEntry>): string =>
      tr.history.describe({
        ...base,
        action: 'update',
        targetKind: 'measure',
        field: '',
        value: null,
        ...over,
      });
    expect(e({ label: 'Семинар', field: 'status', value: 'done' })).toBe(
      'изменил(а) мероприятие «Семинар», статус: Выполнено',
    );
    expect(e({ targetKind: 'indicator', label: 'Доля «2»', field: 'values', value: 21.5 })).toBe(
      'изменил(а) показатель «Доля «2»», значения: добавлено 21,5',
    );
    expect(e({ targetKind: 'indicator', field: 'values', value: null })).toContain(
      'одно значение удалено',
    );
    expect(e({ targetKind: 'problem', field: 'directions', value: '-parents' })).toMatch(
      /приоритетные направления: убрано «[А-Яа-я]/,
    );
    expect(e({ field: 'end', value: '2027-05-31' })).toContain('окончание: 31 мая 2027');
    expect(e({ action: 'delete', label: 'Семинар' })).toBe('удалил(а) мероприятие «Семинар»');
  });

  it('says tutoring plan changes in words', () => {
    const e = (over: Partial<TutoringHistoryEntry>): string =>
      tt.history.describe({
        ...base,
        action: 'update',
        targetKind: 'agreement',
        field: '',
        value: null,
        ...over,
      });
    expect(e({ field: 'model', value: 'mixed' })).toBe('изменил(а) соглашение, модель: Смешанная');
    expect(
      e({
        targetKind: 'clause',
        label: 'Консультирование директора',
        field: 'included',
        value: true,
      }),
    ).toBe('изменил(а) пункт соглашения «Консультирование директора», включён: да');
    expect(
      e({
        targetKind: 'event',
        label: 'Семинар',
        field: 'participants',
        value: '-Кузнецова Л. А.',
      }),
    ).toBe('изменил(а) мероприятие «Семинар», участники: убрано «Кузнецова Л. А.»');
    expect(e({ action: 'edit_text', targetKind: 'essay', targetId: '', field: 'essay' })).toBe(
      'отредактировал(а) эссе',
    );
    expect(e({ action: 'edit_text', targetKind: 'goal', targetId: '2', field: 'goal' })).toBe(
      'отредактировал(а) цель приоритета 2',
    );
  });
});
