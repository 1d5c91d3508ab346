import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { compareOrdered, isOrderKey, orderKeyAfter, orderKeyBetween } from './order-key.ts';

describe('order keys', () => {
  it('produces keys strictly between their neighbours, never ending in the zero digit', () => {
    const gen = prng.create(42);
    const rnd = () => prng.real53(gen);
    let keys = [orderKeyBetween(null, null, rnd)];
    for (let n = 0; n < 500; n++) {
      const i = prng.int32(gen, 0, keys.length);
      const before = i === 0 ? null : (keys[i - 1] as string);
      const after = i === keys.length ? null : (keys[i] as string);
      const k = orderKeyBetween(before, after, n % 2 === 0 ? rnd : undefined);
      expect(isOrderKey(k)).toBe(true);
      if (before !== null) expect(k > before).toBe(true);
      if (after !== null) expect(k < after).toBe(true);
      keys = [...keys.slice(0, i), k, ...keys.slice(i)];
    }
    expect([...keys].sort()).toEqual(keys);
  });

  it('refuses an empty interval', () => {
    expect(() => orderKeyBetween('V', 'V')).toThrow(RangeError);
    expect(() => orderKeyBetween('W', 'V')).toThrow(RangeError);
  });

  it('places after an anchor even when the next item shares its key', () => {
    const list = [
      { id: 'a', order: 'V' },
      { id: 'b', order: 'V' },
      { id: 'c', order: 'k' },
    ].sort(compareOrdered);
    const k = orderKeyAfter(list, 'a');
    expect(k > 'V' && k < 'k').toBe(true);
    expect(orderKeyAfter(list, null) < 'V').toBe(true);
  });
});
