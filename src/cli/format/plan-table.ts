/**
 * The readable form of a plan: one row per titre (commune, service, regime, cible, amount), the
 * total, then every adhesion without a titre with its reason, then the warnings.
 */
import { bordereauShort, natureOf } from '../../engine/bordereaux.js';
import { contributionCibleText, montantText, type Plan } from '../../engine/plan-types.js';
import { formatProblem } from '../../errors/problem.js';
import { textTableChunks } from './text-table.js';
import type { NumberedDocument } from './plan-json.js';
import { editionLine } from '../../pes/pes-edition.js';
import { amountCellLength, formatAmountCellFr, formatDateFr, formatNumberFr } from '../../engine/french-format.js';

const MOTIFS: Record<string, string> = {
  gratuit: 'gratuit',
  seuil: 'sous le seuil',
  expiree: 'convention expirée',
  deja_emis: 'déjà émis',
  hors_periode: 'hors période',
  a_venir: 'à venir',
};

const TITRE_COLUMNS = [
  { header: 'N°', align: 'right' },
  { header: 'Bord.', align: 'right' },
  { header: 'Commune' },
  { header: 'Code' },
  { header: 'Service' },
  { header: 'Régime' },
  { header: 'Cible (€)', align: 'right' },
  { header: 'Montant (€)', align: 'right' },
] as const;

/** A document's row of the plan's table. */
export function titreCells({ document: d, numero, bordereau }: NumberedDocument): string[] {
  const cible = contributionCibleText(d);
  return [
    numero === null ? '–' : String(numero),
    bordereau === null ? '–' : bordereauShort(natureOf(d.type), bordereau),
    d.commune,
    d.codeInsee,
    d.service,
    d.type === 'titre' ? (d.regime ?? '') : d.type,
    cible === undefined ? '' : formatAmountCellFr(cible),
    (d.type === 'titre' ? '' : '-') + formatAmountCellFr(montantText(d)),
  ];
}

/**
 * The length of each column's longest cell of titreCells, the amounts measured without being
 * written (amountCellLength): what measuring the rows themselves gives (tested), for half the
 * formatting of a national plan's table.
 */
export function titreCellWidths(numbered: readonly NumberedDocument[]): number[] {
  const widths = TITRE_COLUMNS.map(() => 0);
  const atLeast = (i: number, length: number): void => {
    if (length > widths[i]) widths[i] = length;
  };
  for (const { document: d, numero, bordereau } of numbered) {
    const cible = contributionCibleText(d);
    atLeast(0, numero === null ? 1 : String(numero).length);
    atLeast(1, bordereau === null ? 1 : bordereauShort(natureOf(d.type), bordereau).length);
    atLeast(2, d.commune.length);
    atLeast(3, d.codeInsee.length);
    atLeast(4, d.service.length);
    atLeast(5, d.type === 'titre' ? (d.regime ?? '').length : d.type.length);
    atLeast(6, cible === undefined ? 0 : amountCellLength(cible));
    atLeast(7, (d.type === 'titre' ? 0 : 1) + amountCellLength(montantText(d)));
  }
  return widths;
}

/**
 * The table in chunks, for stdout to take one by one (a national plan is 8 MB of text).
 * `width`: the terminal's, to fit the tables in (undefined when piped: full width).
 * `warnings`: whether the table ends with the warnings, as on a terminal; piped (cron), they go to
 * stderr alone (reportWarnings), so that cron's mail, which holds both streams, has each once.
 */
export function* planTableChunks(
  plan: Plan,
  numbered: readonly NumberedDocument[],
  dryRun: boolean,
  { width, warnings }: { width?: number; warnings: boolean },
): Generator<string> {
  const mode = dryRun ? 'aperçu, aucun titre émis' : 'émission';
  yield `Exercice ${plan.exercice} – date d'émission ${formatDateFr(plan.dateEmission)} – ${mode}\n`;

  if (numbered.length === 0) {
    yield 'Aucun titre à émettre.\n';
  } else {
    // made as they are printed, rather than held (70 000 rows of a national plan); their widths
    // are measured from the documents beforehand (titreCellWidths)
    const rows = function* (): Generator<string[]> {
      for (const n of numbered) yield titreCells(n);
    };
    yield* textTableChunks(TITRE_COLUMNS, rows, { width, cellWidths: titreCellWidths(numbered) });
    const titres = numbered.filter((n) => n.document.type === 'titre').length;
    const reductions = numbered.length - titres;
    let total = `Total : ${titres} titre${titres > 1 ? 's' : ''}, ${formatNumberFr(plan.total)} €`;
    if (reductions > 0) {
      total += ` ; ${reductions} réduction${reductions > 1 ? 's' : ''}/annulation${reductions > 1 ? 's' : ''}, -${formatNumberFr(plan.totalReductions)} €`;
    }
    yield total + '\n';
    yield editionLine(numbered.filter((n) => n.document.type === 'titre').map((n) => ({ edition: n.edition, commune: n.document.commune })));
  }

  if (plan.sansTitre.length > 0) {
    yield '\nSans titre :\n';
    yield* textTableChunks(
      [{ header: 'Commune' }, { header: 'Code' }, { header: 'Service' }, { header: 'Motif' }, { header: 'Détail', wrap: true }],
      plan.sansTitre.map((s) => [s.commune, s.codeInsee, s.service, MOTIFS[s.motif] ?? s.motif, s.detail]),
      { width },
    );
  }

  if (warnings && plan.avertissements.length > 0) {
    yield '\nAvertissements :\n';
    yield plan.avertissements.map((p) => formatProblem(p)).join('\n') + '\n';
  }
}
