import { describe, expect, it } from 'vitest';
import { RecurringCache } from '../../src/engine/recurring-cache.js';

describe('RecurringCache', () => {
  it('keeps an entry used in every generation, drops those used once two generations ago', () => {
    const cache = new RecurringCache<string, number>(3);
    cache.set('libellé', 1);
    for (let i = 0; i < 20; i++) {
      expect(cache.get('libellé')).toBe(1); // the recurring wording
      cache.set(`commune-${i}`, i); // names that never come back
    }
    expect(cache.get('commune-19')).toBe(19);
    expect(cache.get('commune-0')).toBeUndefined();
  });

  it('holds at most two generations (a read brings an entry of the previous one forward)', () => {
    const cache = new RecurringCache<number, number>(2);
    for (let i = 0; i < 6; i++) cache.set(i, i); // generations {0, 1}, {2, 3}, {4, 5}
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(5)).toBe(5);
    expect(cache.get(2)).toBe(2); // previous generation: kept, and now in a new one
    expect(cache.get(3)).toBeUndefined(); // {2, 3} was pushed out when 2 started a generation
  });

  it('through: makes a value once, then gives the kept one', () => {
    const cache = new RecurringCache<string, number>(4);
    let made = 0;
    const make = (key: string) => (made++, key.length);
    expect(cache.through('forfait', make)).toBe(7);
    expect(cache.through('forfait', make)).toBe(7);
    expect(made).toBe(1);
  });

  it('through without keeping: makes the value, keeps nothing, still gives what is kept', () => {
    const cache = new RecurringCache<string, number>(4);
    let made = 0;
    const make = (key: string) => (made++, key.length);
    expect(cache.through('Commune de Bron', make, false)).toBe(15);
    expect(cache.get('Commune de Bron')).toBeUndefined();
    cache.set('forfait', 7);
    expect(cache.through('forfait', make, false)).toBe(7);
    expect(made).toBe(1);
  });
});
