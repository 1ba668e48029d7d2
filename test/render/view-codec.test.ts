import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/engine/money.js';
import { decodeView, encodeView } from '../../src/render/view-codec.js';
import type { TitreView } from '../../src/render/views.js';
import { titreView } from './fixtures.js';

describe('view codec (worker-thread boundary)', () => {
  it('brings exact decimals and Maps back intact through a structured clone', () => {
    const view = titreView();
    const back = decodeView<TitreView>(structuredClone(encodeView(view)));
    expect(back.document.montant).toBeInstanceOf(Decimal);
    expect(back.document.montant.toFixed(2)).toBe('1210.00');
    const service = back.config.services.get('laclasse');
    expect(service && !service.gratuit && service.forfait instanceof Decimal).toBe(true);
    expect(back).toEqual(view);
  });

  it('copies only what holds a Decimal, and clones as a full copy would (issue 12)', () => {
    // the encoding of before issue 12's change: every object copied, Decimals marked
    const copyAll = (value: unknown): unknown => {
      if (value === null || typeof value !== 'object') return value;
      if (value instanceof Decimal) return { $decimal: value.toString() };
      if (Array.isArray(value)) return value.map(copyAll);
      if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, copyAll(v)]));
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyAll(v)]));
    };
    class Held {
      readonly kept = 'yes';
      get computed(): string {
        return 'not own';
      }
    }
    const plain = { a: 1, nested: { b: 'two', list: [1, 'x', { c: null }] }, none: undefined };
    const view = {
      ...titreView(),
      plain,
      amounts: [plain, new Decimal('1.5'), { deep: [new Decimal('-0.25')] }],
      maps: { empty: new Map(), plain: new Map([['k', plain]]), decimals: new Map([['d', new Decimal(3)]]) },
      held: new Held(),
      date: new Date(0),
      set: new Set([1]),
    };
    const encoded = encodeView(view) as typeof view;
    expect(structuredClone(encoded)).toEqual(structuredClone(copyAll(view)));
    expect(Object.keys(structuredClone(encoded))).toEqual(Object.keys(view));
    expect(encoded.plain).toBe(plain); // nothing to mark: not copied
    expect(encoded.maps.plain).toBe(view.maps.plain);
    expect(encoded.amounts).not.toBe(view.amounts);
    expect(encoded.amounts[0]).toBe(plain);
    expect(encoded.held).not.toBeInstanceOf(Held); // copied as a plain object, own keys only
    expect(structuredClone(encoded.date)).toEqual({}); // as the full copy gave it
    expect(decodeView(structuredClone(encoded))).toEqual(decodeView(structuredClone(copyAll(view))));
  });

  it('a view cannot cross the boundary without the codec (why the codec exists)', () => {
    expect(() => structuredClone(titreView())).toThrow(/could not be cloned/);
  });
});
