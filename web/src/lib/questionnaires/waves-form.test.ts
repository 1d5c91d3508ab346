import { describe, expect, it } from 'vitest';
import { FORMS, type StoredWave } from '@opora/shared';
import { tq } from '$lib/i18n/questionnaires';
import { closedToday, draftOf, emptyDraft, waveFromDraft } from './waves-form';

describe('wave form', () => {
  it('turns a draft into a wave, keeping who opened an existing one', () => {
    const draft = { ...emptyDraft('2035-01-10'), closesOn: '2035-03-15' };
    expect(draft.formIds).toEqual(FORMS.map((f) => f.id));
    const first = waveFromDraft(draft, [], 'r1', 100);
    expect(first).toMatchObject({
      ok: true,
      wave: { id: '2035-entry', year: 2035, kind: 'entry', opensOn: '2035-01-10', openedBy: 'r1' },
    });
    if (!first.ok) return;
    const stored: StoredWave[] = [{ wave: first.wave, by: 'r1', at: 100, others: [] }];
    const changed = waveFromDraft(
      { ...draftOf(first.wave), closesOn: '2035-04-01' },
      stored,
      'r2',
      200,
    );
    expect(changed).toMatchObject({
      ok: true,
      wave: { closesOn: '2035-04-01', openedBy: 'r1', openedAt: 100 },
    });
  });

  it('says in Russian what to fix', () => {
    const bad = waveFromDraft(
      { year: '35', kind: 'mid', opensOn: '2035-05-01', closesOn: '2035-04-01', formIds: [] },
      [],
      'r',
      1,
    );
    expect(bad).toEqual({
      ok: false,
      errors: [tq.waves.errors.year, tq.waves.errors.order, tq.waves.errors.forms],
    });
    expect(waveFromDraft({ ...emptyDraft('2035-01-01'), closesOn: '' }, [], 'r', 1)).toEqual({
      ok: false,
      errors: [tq.waves.errors.dates],
    });
  });

  it('ends a running wave today, and refuses to end one that has not started', () => {
    const w = {
      id: '2035-mid',
      year: 2035,
      kind: 'mid' as const,
      opensOn: '2035-09-01',
      closesOn: '2035-10-15',
      formIds: ['teaching'],
      openedBy: 'r',
      openedAt: 1,
    };
    expect(closedToday(w, '2035-09-20')).toEqual({
      ok: true,
      wave: { ...w, closesOn: '2035-09-20' },
    });
    expect(closedToday(w, '2035-08-01')).toEqual({
      ok: false,
      errors: [tq.waves.errors.notStarted],
    });
  });
});
