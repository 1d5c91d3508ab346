import { describe, expect, it } from 'vitest';
import { plural } from './plural';
import { t } from './ru';

const forms = { one: 'изменение', few: 'изменения', many: 'изменений', other: 'изменения' };

describe('plural', () => {
  it.each([
    [1, 'изменение'],
    [2, 'изменения'],
    [4, 'изменения'],
    [5, 'изменений'],
    [11, 'изменений'],
    [12, 'изменений'],
    [14, 'изменений'],
    [21, 'изменение'],
    [22, 'изменения'],
    [25, 'изменений'],
    [101, 'изменение'],
    [111, 'изменений'],
    [0, 'изменений'],
    [1.5, 'изменения'],
  ])('%d → %s', (count, word) => {
    expect(plural(count, forms)).toBe(word);
  });

  it('phrases the pending count on the status screen', () => {
    expect(t.sync.pending(1)).toBe('1 изменение ожидает отправки');
    expect(t.sync.pending(3)).toBe('3 изменения ожидают отправки');
    expect(t.sync.pending(11)).toBe('11 изменений ожидают отправки');
    expect(t.sync.pending(21)).toBe('21 изменение ожидает отправки');
    expect(t.sync.pending(0)).toBe('Все изменения отправлены');
  });
});
