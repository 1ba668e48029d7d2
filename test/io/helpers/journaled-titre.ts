import type { IssuedDocument } from '../../../src/engine/history.js';
import { dec } from '../../../src/engine/money.js';

/** A titre as the journal holds it (Écully, laclasse, transitoire), with `extra` over it. */
export const journaledTitre = (numero: number, extra: Partial<IssuedDocument> = {}): IssuedDocument => ({
  exercice: 2026,
  numero,
  bordereau: 1,
  dateEmission: '2026-06-15',
  type: 'titre',
  codeInsee: '69081',
  service: 'laclasse',
  montant: dec('1210.00'),
  regime: 'transitoire',
  contributionCible: dec('1425.55'),
  converge: false,
  fichier: `2026/titres/laclasse/69081-ecully/titre-2026-0000${numero}.pdf`,
  sha256: 'ab'.repeat(32),
  ...extra,
});
