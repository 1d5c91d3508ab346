import { describe, expect, it } from 'vitest';
import { spliceBetween } from './text-diff';

function apply(s: string, sp: ReturnType<typeof spliceBetween>): string {
  if (!sp) return s;
  return s.slice(0, sp.index) + sp.insert + s.slice(sp.index + sp.remove);
}

describe('spliceBetween', () => {
  it.each([
    ['', 'абв'],
    ['абв', ''],
    ['привет мир', 'привет, мир'],
    ['aaa', 'aa'],
    ['abcabc', 'abXabc'],
    ['same', 'same'],
  ])('%s → %s', (a, b) => {
    expect(apply(a, spliceBetween(a, b))).toBe(b);
  });

  it('touches only the changed middle', () => {
    expect(spliceBetween('привет мир', 'привет, мир')).toEqual({
      index: 6,
      remove: 0,
      insert: ',',
    });
  });
});
