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

  it('a view cannot cross the boundary without the codec (why the codec exists)', () => {
    expect(() => structuredClone(titreView())).toThrow(/could not be cloned/);
  });
});
