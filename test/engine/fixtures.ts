/**
 * Histories, plans and shared setup of the engine tests; the in-code datasets come from
 * test/fixtures/dataset.ts (re-exported here).
 */
import type { History, IssuedDocument } from '../../src/engine/history.js';
import { Decimal, dec } from '../../src/engine/money.js';
import { seriesOf, type Plan } from '../../src/engine/plan-types.js';
import { TitresError } from '../../src/errors/titres-error.js';

export * from '../fixtures/dataset.js';

/** Planning the 2026 exercice on 15 June 2026. */
export const at2026 = { exercice: 2026, dateEmission: '2026-06-15' };

/** Planning 2026 on its last day: every adhesion starting during 2026 has started (R9 « a_venir »). */
export const late2026 = { exercice: 2026, dateEmission: '2026-12-31' };

/** The TitresError that `fn` throws (any other error is rethrown; no error fails). */
export function thrownError(fn: () => unknown): TitresError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TitresError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

export const EMPTY: History = { documents: [] };

export function issued(d: Partial<IssuedDocument> & Pick<IssuedDocument, 'exercice' | 'numero' | 'codeInsee' | 'montant'>): IssuedDocument {
  return {
    bordereau: 1,
    dateEmission: `${d.exercice}-06-15`,
    type: 'titre',
    service: 'laclasse',
    fichier: `${d.codeInsee}/titre-${d.exercice}-${d.numero}.pdf`,
    sha256: '0'.repeat(64),
    ...d,
  };
}

/**
 * What src/apply would append to the journal when issuing a plan: numbers in series per exercice,
 * statements of compte 673 in their own (R9, R10).
 */
export function issuePlan(history: History, plan: Plan): History {
  const documents = [...history.documents];
  for (const doc of plan.documents) {
    const numero = documents.filter((d) => d.exercice === doc.exercice && seriesOf(d.type) === seriesOf(doc.type)).length + 1;
    documents.push(
      issued({
        exercice: doc.exercice,
        numero,
        dateEmission: plan.dateEmission,
        type: doc.type,
        codeInsee: doc.codeInsee,
        service: doc.service,
        montant: doc.montant,
        ...(doc.regime ? { regime: doc.regime } : {}),
        ...(doc.titreOrigine ? { titreOrigine: doc.titreOrigine } : {}),
        ...(doc.contributionCible ? { contributionCible: doc.contributionCible } : {}),
        ...(doc.converge !== undefined ? { converge: doc.converge } : {}),
        ...(doc.motif ? { motif: doc.motif } : {}),
      }),
    );
  }
  return { documents };
}

export function amount(plan: Plan, codeInsee: string, service = 'laclasse'): string | undefined {
  return plan.documents.find((d) => d.codeInsee === codeInsee && d.service === service && d.type === 'titre')?.montant.toFixed(2);
}

export function d(text: string): Decimal {
  return dec(text);
}
