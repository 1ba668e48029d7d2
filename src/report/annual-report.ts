/**
 * The yearly balance of the convention for its comité de pilotage (art. 11), the pure part: every
 * amount is a sum of journal lines (the journal is the source of truth), every figure used
 * (population, index) is the one printed on the titre's ledger row, and the year of convergence
 * at current rules comes from simulate's engine. Nothing is read or written here.
 *
 * Definitions (printed in the report's notes):
 * - the net of an exercice E for a pair (commune, service) = its titres of exercice E minus their
 *   réductions and annulations (which carry the exercice of the titre they correct, R10);
 * - corrections of the year = réductions and annulations of titres of exercice N, split between
 *   breach refunds (R8, motif « manquement_metropole… ») and the other corrections;
 * - share of the cible reached = the titre's amount / its contribution-cible (R4, R5), before
 *   corrections (a correction is not a step of convergence).
 */
import { nameOfCommune } from '../engine/commune-table.js';
import type { Adhesion, Dataset } from '../engine/dataset.js';
import { isBreachRefundMotif } from '../engine/breach-refund.js';
import type { IssuedDocument } from '../engine/history.js';
import { Decimal, sum } from '../engine/money.js';
import type { Regime } from '../engine/plan-types.js';

/** The figures of a titre as printed on its ledger row (OUT/registres), by `exercice-numero`. */
export interface LedgerFigures {
  population?: number;
  populationFichier?: string;
  indiceMois?: string;
  indiceValeur?: string;
  indiceReferenceMois?: string;
  indiceReferenceValeur?: string;
  coefficient?: string;
}

export interface ReportInputs {
  year: number;
  dataset: Dataset;
  documents: readonly IssuedDocument[];
  /** Ledger figures by `exercice-numero` of the titre. */
  ledger: ReadonlyMap<string, LedgerFigures>;
  /**
   * simulate's projection at current rules (no growth assumed), by `service|code_insee`: the year
   * the adhesion converges (null: not within the horizon) and its titres after N.
   */
  projections: ReadonlyMap<string, Projection>;
  /** Last year the convergence was looked for. */
  horizon: number;
}

export interface Projection {
  anneeConvergence: number | null;
  rows: Array<{ exercice: number; montant: Decimal; cible: Decimal }>;
}

export interface ServiceTotal {
  service: string;
  libelle: string;
  previous: Decimal;
  current: Decimal;
  change: Decimal;
  /** current / previous − 1; null when N-1 is zero. */
  changeRate: Decimal | null;
}

export interface CommuneLine {
  codeInsee: string;
  commune: string;
  service: string;
  /** The titre of exercice N (absent: no titre this year). */
  numero?: number;
  montant: Decimal;
  corrections: Decimal;
  remboursements: Decimal;
  net: Decimal;
  cible?: Decimal;
  /** montant / cible. */
  part?: Decimal;
  regime?: Regime;
  converge?: boolean;
  /** Year of convergence at current rules (may be earlier than N), null: beyond the horizon. */
  anneeConvergence: number | null;
  population?: number;
  /** Net of each exercice up to N, for the convergence charts (oldest first). */
  history: Array<{ exercice: number; montant: Decimal; cible?: Decimal }>;
  /** simulate's titres after N, at current rules. */
  projection: Array<{ exercice: number; montant: Decimal; cible: Decimal }>;
}

export interface AdhesionEvent {
  codeInsee: string;
  commune: string;
  service: string;
  date: string;
  detail: string;
}

export interface IndexFigures {
  service: string;
  indiceMois: string;
  indiceValeur: string;
  indiceReferenceMois: string;
  indiceReferenceValeur: string;
  coefficient: string;
  titres: number;
}

export interface PopulationFigure {
  codeInsee: string;
  commune: string;
  population: number;
  fichier: string;
}

export interface AnnualReport {
  year: number;
  emetteur: string;
  convention: string;
  horizon: number;
  services: Array<{ id: string; libelle: string }>;
  totals: ServiceTotal[];
  /** Net per service and exercice, every exercice of the journal up to N. */
  byYear: Array<{ service: string; libelle: string; years: Array<{ exercice: number; net: Decimal }> }>;
  communes: CommuneLine[];
  adhesions: { started: AdhesionEvent[]; ended: AdhesionEvent[]; noticePending: AdhesionEvent[] };
  indices: IndexFigures[];
  populations: PopulationFigure[];
  /** The whole year: titres, corrections, breach refunds and net of exercice N. */
  summary: { titres: Decimal; corrections: Decimal; remboursements: Decimal; net: Decimal; documents: number };
}

const key = (exercice: number, numero: number): string => `${exercice}-${numero}`;
const pairKey = (service: string, codeInsee: string): string => `${service}|${codeInsee}`;
const signed = (d: IssuedDocument): Decimal => (d.type === 'titre' ? d.montant : d.montant.negated());

/** Net of the journal's documents of an exercice (titres minus their corrections). */
export function netOf(documents: readonly IssuedDocument[], filter: (d: IssuedDocument) => boolean): Decimal {
  return sum(documents.filter(filter).map(signed));
}

export function buildAnnualReport(inputs: ReportInputs): AnnualReport {
  const { year, dataset, documents } = inputs;
  const services = [...dataset.config.services.values()].filter((s) => !s.gratuit).map((s) => ({ id: s.id, libelle: s.libelle }));
  const libelle = new Map(services.map((s) => [s.id, s.libelle]));
  for (const d of documents) if (!libelle.has(d.service)) services.push({ id: d.service, libelle: d.service }), libelle.set(d.service, d.service);
  const communeName = (code: string): string => nameOfCommune(dataset.communes, code);

  const totals = services.map((s): ServiceTotal => {
    const previous = netOf(documents, (d) => d.service === s.id && d.exercice === year - 1);
    const current = netOf(documents, (d) => d.service === s.id && d.exercice === year);
    return { service: s.id, libelle: s.libelle, previous, current, change: current.minus(previous), changeRate: previous.isZero() ? null : current.div(previous).minus(1) };
  });
  const exercices = [...new Set(documents.map((d) => d.exercice))].filter((e) => e <= year).sort((a, b) => a - b);
  const byYear = services.map((s) => ({
    service: s.id,
    libelle: s.libelle,
    years: exercices.map((exercice) => ({ exercice, net: netOf(documents, (d) => d.service === s.id && d.exercice === exercice) })),
  }));

  const pairs = new Map<string, IssuedDocument[]>();
  for (const d of documents) {
    if (d.exercice > year) continue;
    const k = pairKey(d.service, d.codeInsee);
    pairs.set(k, [...(pairs.get(k) ?? []), d]);
  }
  const communes: CommuneLine[] = [];
  for (const [k, docs] of pairs) {
    const [service, codeInsee] = k.split('|');
    const ofYear = docs.filter((d) => d.exercice === year);
    const titres = ofYear.filter((d) => d.type === 'titre');
    const corrections = ofYear.filter((d) => d.type !== 'titre');
    if (ofYear.length === 0 && !inputs.projections.has(k)) continue;
    const titre = titres[titres.length - 1];
    const montant = sum(titres.map((d) => d.montant));
    const remboursements = sum(corrections.filter((d) => isBreachRefundMotif(d.motif)).map((d) => d.montant));
    const autres = sum(corrections.filter((d) => !isBreachRefundMotif(d.motif)).map((d) => d.montant));
    const cible = titre?.contributionCible;
    const history = [...new Set(docs.map((d) => d.exercice))].sort((a, b) => a - b).map((exercice) => ({
      exercice,
      montant: netOf(docs, (d) => d.exercice === exercice),
      cible: docs.filter((d) => d.exercice === exercice && d.type === 'titre').at(-1)?.contributionCible,
    }));
    communes.push({
      codeInsee,
      commune: communeName(codeInsee),
      service,
      ...(titre ? { numero: titre.numero } : {}),
      montant,
      corrections: autres,
      remboursements,
      net: montant.minus(autres).minus(remboursements),
      ...(cible ? { cible, part: cible.isZero() ? undefined : titre.montant.div(cible) } : {}),
      ...(titre?.regime ? { regime: titre.regime } : {}),
      ...(titre?.converge !== undefined ? { converge: titre.converge } : {}),
      anneeConvergence: firstConverged(docs, year) ?? inputs.projections.get(k)?.anneeConvergence ?? null,
      ...(titre && inputs.ledger.get(key(titre.exercice, titre.numero))?.population !== undefined
        ? { population: inputs.ledger.get(key(titre.exercice, titre.numero))!.population }
        : {}),
      history,
      projection: (inputs.projections.get(k)?.rows ?? []).filter((r) => r.exercice > year),
    });
  }
  communes.sort((a, b) => a.service.localeCompare(b.service) || a.commune.localeCompare(b.commune, 'fr') || a.codeInsee.localeCompare(b.codeInsee));

  const ofYear = documents.filter((d) => d.exercice === year);
  const titresN = sum(ofYear.filter((d) => d.type === 'titre').map((d) => d.montant));
  const refundsN = sum(ofYear.filter((d) => d.type !== 'titre' && isBreachRefundMotif(d.motif)).map((d) => d.montant));
  const correctionsN = sum(ofYear.filter((d) => d.type !== 'titre' && !isBreachRefundMotif(d.motif)).map((d) => d.montant));

  return {
    year,
    emetteur: dataset.config.emetteur.nom,
    convention: dataset.config.convention.reference,
    horizon: inputs.horizon,
    services,
    totals,
    byYear,
    communes,
    adhesions: adhesionEvents(dataset.adhesions, year, communeName),
    indices: indexFigures(ofYear, inputs.ledger),
    populations: populationFigures(ofYear, inputs.ledger, communeName),
    summary: { titres: titresN, corrections: correctionsN, remboursements: refundsN, net: titresN.minus(correctionsN).minus(refundsN), documents: ofYear.length },
  };
}

/** The first exercice up to N whose titre converged, from the journal. */
function firstConverged(docs: readonly IssuedDocument[], year: number): number | undefined {
  return docs.filter((d) => d.type === 'titre' && d.converge === true && d.exercice <= year).map((d) => d.exercice).sort((a, b) => a - b)[0];
}

const inYear = (date: string | undefined, year: number): boolean => date !== undefined && date.startsWith(`${year}-`);

function adhesionEvents(all: Iterable<Adhesion>, year: number, name: (code: string) => string): AnnualReport['adhesions'] {
  const adhesions = Array.from(all);
  const event = (a: Adhesion, date: string, detail: string): AdhesionEvent => ({ codeInsee: a.codeInsee, commune: name(a.codeInsee), service: a.service, date, detail });
  const endOfYear = `${year}-12-31`;
  const byDate = (x: AdhesionEvent, y: AdhesionEvent): number => x.date.localeCompare(y.date) || x.commune.localeCompare(y.commune, 'fr');
  return {
    started: adhesions.filter((a) => inYear(a.dateDebut, year)).map((a) => event(a, a.dateDebut, a.montantAnterieur ? 'déjà adhérente (régime transitoire)' : 'nouvelle adhésion')).sort(byDate),
    ended: adhesions.filter((a) => inYear(a.dateFin, year)).map((a) => event(a, a.dateFin!, END_REASONS[a.motifFin ?? 'resiliation'])).sort(byDate),
    noticePending: adhesions
      .filter((a) => a.datePreavis !== undefined && a.datePreavis <= endOfYear && (a.dateFin === undefined || a.dateFin > endOfYear))
      .map((a) => event(a, a.datePreavis!, a.dateFin ? `fin demandée au ${a.dateFin}` : 'fin à préciser'))
      .sort(byDate),
  };
}

const END_REASONS: Record<NonNullable<Adhesion['motifFin']>, string> = {
  resiliation: 'résiliation avec préavis',
  manquement_commune: 'résiliation pour manquement de la commune',
  manquement_metropole: 'résiliation pour manquement de la Métropole',
};

function indexFigures(ofYear: readonly IssuedDocument[], ledger: ReadonlyMap<string, LedgerFigures>): IndexFigures[] {
  const found = new Map<string, IndexFigures>();
  for (const d of ofYear) {
    if (d.type !== 'titre') continue;
    const f = ledger.get(key(d.exercice, d.numero));
    if (!f?.indiceMois || !f.indiceValeur || !f.indiceReferenceMois || !f.indiceReferenceValeur || !f.coefficient) continue;
    const k = [d.service, f.indiceMois, f.indiceValeur, f.indiceReferenceMois, f.indiceReferenceValeur, f.coefficient].join('|');
    const entry = found.get(k);
    if (entry) entry.titres++;
    else
      found.set(k, {
        service: d.service,
        indiceMois: f.indiceMois,
        indiceValeur: f.indiceValeur,
        indiceReferenceMois: f.indiceReferenceMois,
        indiceReferenceValeur: f.indiceReferenceValeur,
        coefficient: f.coefficient,
        titres: 1,
      });
  }
  return [...found.values()].sort((a, b) => a.service.localeCompare(b.service) || a.indiceMois.localeCompare(b.indiceMois));
}

function populationFigures(ofYear: readonly IssuedDocument[], ledger: ReadonlyMap<string, LedgerFigures>, name: (code: string) => string): PopulationFigure[] {
  const found = new Map<string, PopulationFigure>();
  for (const d of ofYear) {
    if (d.type !== 'titre' || found.has(d.codeInsee)) continue;
    const f = ledger.get(key(d.exercice, d.numero));
    if (f?.population === undefined) continue;
    found.set(d.codeInsee, { codeInsee: d.codeInsee, commune: name(d.codeInsee), population: f.population, fichier: f.populationFichier ?? '' });
  }
  return [...found.values()].sort((a, b) => a.commune.localeCompare(b.commune, 'fr'));
}

