/** R5 transitional regime: the cap and convergence. */
import { describe, expect, it } from 'vitest';
import { transitionalAmount } from '../../src/engine/transitional.js';
import { d } from './fixtures.js';

describe('R5 transitionalAmount', () => {
  it('caps the first exercice at P × 1,10 when the target is higher', () => {
    const out = transitionalAmount(d('1425.55'), d('1100.00'), d('0.10'));
    expect(out.amount.toFixed(2)).toBe('1210.00');
    expect(out.cap?.toFixed(2)).toBe('1210.00');
    expect(out.converged).toBe(false);
  });

  it('converges when the target equals the cap', () => {
    const out = transitionalAmount(d('1210.00'), d('1100.00'), d('0.10'));
    expect(out.amount.toFixed(2)).toBe('1210.00');
    expect(out.converged).toBe(true);
  });

  it('applies the target, with no cap, when it is below the former amount', () => {
    const out = transitionalAmount(d('1256.35'), d('1400.73'), d('0.05'));
    expect(out.amount.toFixed(2)).toBe('1256.35');
    expect(out.cap).toBeUndefined();
    expect(out.converged).toBe(true);
  });

  it('rounds the cap half up to the cent (1 270,50 × 1,05 = 1 334,025 → 1 334,03)', () => {
    expect(transitionalAmount(d('1447.65'), d('1270.50'), d('0.05')).amount.toFixed(2)).toBe('1334.03');
  });
});
