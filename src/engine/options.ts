/**
 * R2 options (avenant n°1 art. 1): priced lines per adhesion, quantity × yearly unit price. They join
 * the forfait: F + Σ quantity × prix_unitaire, revised and prorated with it.
 */
import type { Adhesion, PayingService, ServiceOption } from './dataset.js';
import { Decimal, ZERO } from './money.js';

export interface OptionUse {
  option: ServiceOption;
  quantity: number;
  amount: Decimal; // quantity × unit price, exact
}

/** The options of an adhesion with a non-zero quantity, in option id order (determinism). */
export function optionUses(service: PayingService, adhesion: Adhesion): OptionUse[] {
  const uses: OptionUse[] = [];
  for (const id of [...adhesion.options.keys()].sort()) {
    const quantity = adhesion.options.get(id) ?? 0;
    const option = service.options.get(id);
    if (!option || quantity === 0) continue; // unknown options are rejected by the dataset readers (R2)
    uses.push({ option, quantity, amount: option.prixUnitaire.times(quantity) });
  }
  return uses;
}

export function optionsTotal(uses: readonly OptionUse[]): Decimal {
  return uses.reduce((total, use) => total.plus(use.amount), ZERO);
}

/** Machine form for Figures.optionsDetail: "connecteurs=2×150.00". */
export function optionsDetail(uses: readonly OptionUse[]): string {
  return uses.map((u) => `${u.option.id}=${u.quantity}×${u.option.prixUnitaire.toFixed(2)}`).join('|');
}
