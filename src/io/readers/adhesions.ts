import { AdhesionTable } from '../../engine/adhesion-table.js';
import type { Adhesion, EndReason, Service } from '../../engine/dataset.js';
import type { Problem } from '../../errors/problem.js';
import { FileProblems } from '../csv/file-problems.js';
import { eachRow } from '../csv/table.js';
import type { Row } from '../csv/table.js';
import type { SourceFile } from '../read-input-file.js';
import { parseAmount, parseDate } from '../cell-values.js';
import { parseAdhesionOptions } from './adhesion-options.js';
import { DEFAULT_LIMITS, type Limits } from '../config/limits.js';
import { KeptStrings } from './kept-strings.js';

const REQUIRED = ['code_insee', 'service', 'date_signature'];
const OPTIONAL = ['date_debut', 'montant_anterieur', 'date_fin', 'motif_fin', 'date_preavis', 'options'];
const END_REASONS: readonly EndReason[] = ['resiliation', 'manquement_commune', 'manquement_metropole'];

/** What adhesions are checked against; an undefined set (its file failed) skips that check. */
export interface AdhesionContext {
  communes?: ReadonlySet<string>;
  /** Valid services (options are checked against these). */
  services?: ReadonlyMap<string, Service>;
  /** Every service id of config.json, valid or not (UNKNOWN_SERVICE). */
  serviceIds?: ReadonlySet<string>;
  /** Plausibility bounds (config.json `limites`); the defaults when absent. */
  limits?: Limits;
  /** The dataset's pool of kept strings (a commune's code is the one communes.csv gave); one of its own when absent. */
  kept?: KeptStrings;
}

/** adhesions.csv: one line per commune and service (data contract; R5–R8 read these fields). */
export function parseAdhesions(text: string, source: SourceFile, context: AdhesionContext): { adhesions: AdhesionTable; problems: Problem[] } {
  const sink = new FileProblems(source.path);
  const adhesions = new AdhesionTable();
  // first line of each commune, per service: keyed by the kept strings, whose hash is already known
  const seen = new Map<string, Map<string, number>>();
  const kept = context.kept ?? new KeptStrings();
  eachRow(text, source.path, REQUIRED, OPTIONAL, sink.csv, (row) => {
    const adhesion = readAdhesion(row, context, sink, kept);
    if (!adhesion) return;
    let lines = seen.get(adhesion.service);
    if (lines === undefined) seen.set(adhesion.service, (lines = new Map()));
    const previous = lines.get(adhesion.codeInsee);
    if (previous !== undefined) {
      sink.add(
        'DUPLICATE_ADHESION',
        `adhésion de « ${adhesion.codeInsee} » au service « ${adhesion.service} » déjà décrite ligne ${previous} (une ligne par commune et service)`,
        row.cell('service'),
      );
      return;
    }
    lines.set(adhesion.codeInsee, row.line);
    // after an error none is used: not kept, so that a huge file of rejected rows stays small (issue 10)
    if (!sink.hasErrors) adhesions.push(adhesion);
  });
  adhesions.trim();
  return { adhesions: sink.hasErrors ? new AdhesionTable() : adhesions, problems: sink.problems };
}

function readAdhesion(row: Row, context: AdhesionContext, sink: FileProblems, kept: KeptStrings): Adhesion | undefined {
  const codeCell = row.cell('code_insee');
  const codeInsee = sink.required(codeCell, 'code_insee');
  if (codeInsee !== undefined && context.communes && !context.communes.has(codeInsee)) {
    sink.add('UNKNOWN_COMMUNE', `commune « ${codeInsee} » absente de communes.csv`, codeCell);
  }
  const serviceCell = row.cell('service');
  const serviceId = sink.required(serviceCell, 'service');
  const service = serviceId !== undefined ? context.services?.get(serviceId) : undefined;
  if (serviceId !== undefined && context.serviceIds && !context.serviceIds.has(serviceId)) {
    const known = [...context.serviceIds].join(', ');
    sink.add('UNKNOWN_SERVICE', `service « ${serviceId} » absent de config.json (services définis : ${known})`, serviceCell);
  }
  const dateSignature = sink.requiredParse(row.cell('date_signature'), 'date_signature', parseDate);
  const dateDebut = sink.parse(row.cell('date_debut'), parseDate) ?? dateSignature;
  const montantAnterieur = readMontantAnterieur(row, service, sink, context.limits ?? DEFAULT_LIMITS);
  const end = readEnd(row, dateDebut, sink);
  const options = parseAdhesionOptions(row.cell('options'), service, sink);
  if (codeInsee === undefined || serviceId === undefined || dateSignature === undefined || dateDebut === undefined || !end) return undefined;
  return {
    codeInsee: kept.of(codeInsee),
    service: kept.of(serviceId),
    dateSignature: kept.of(dateSignature),
    dateDebut: kept.of(dateDebut),
    ...(montantAnterieur !== undefined ? { montantAnterieur } : {}),
    ...end,
    options,
    line: row.line,
  };
}

function readMontantAnterieur(row: Row, service: Service | undefined, sink: FileProblems, limits: Limits) {
  const cell = row.cell('montant_anterieur');
  const montant = sink.parse(cell, parseAmount);
  if (montant === undefined) return undefined;
  if (montant.lt(0)) {
    sink.add('NEGATIVE_AMOUNT', `montant antérieur négatif « ${cell.value} » (R5)`, cell);
    return undefined;
  }
  if (montant.gt(limits.montantMax)) {
    sink.add('AMOUNT_IMPLAUSIBLE', `montant antérieur « ${cell.value} » au-delà du plafond de vraisemblance ${limits.montantMax.toFixed(2)} (limites.montant_max de config.json)`, cell);
    return undefined;
  }
  if (service?.gratuit) {
    // data contract, config: the service may have been paying before the convention; never blocks.
    sink.add(
      'FREE_SERVICE_AMOUNT_IGNORED',
      `montant antérieur « ${cell.value} » sur le service gratuit « ${service.id} » ignoré : aucun titre n'est émis pour ce service (R2)`,
      cell,
      'warning',
    );
    return undefined;
  }
  return montant;
}

/** date_fin, motif_fin, date_preavis (R7, R8); undefined when one of them is wrong. */
function readEnd(row: Row, dateDebut: string | undefined, sink: FileProblems): Pick<Adhesion, 'dateFin' | 'motifFin' | 'datePreavis'> | undefined {
  const before = sink.problems.length;
  const finCell = row.cell('date_fin');
  const dateFin = sink.parse(finCell, parseDate);
  if (dateFin !== undefined && dateDebut !== undefined && dateFin < dateDebut) {
    sink.add('END_BEFORE_START', `date de fin « ${finCell.value} » antérieure à la date de début « ${dateDebut} »`, finCell);
  }
  const motifCell = row.cell('motif_fin');
  const motif = motifCell.value;
  if (motif !== undefined && !(END_REASONS as readonly string[]).includes(motif)) {
    sink.add('INVALID_END_REASON', `motif de fin inconnu « ${motif} » (valeurs possibles : ${END_REASONS.join(', ')})`, motifCell);
  }
  if (finCell.value !== undefined && motif === undefined) {
    sink.add('END_REASON_MISSING', `date de fin « ${finCell.value} » sans motif_fin (${END_REASONS.join(', ')})`, { line: row.line, column: motifCell.column ?? finCell.column });
  }
  if (finCell.value === undefined && motif !== undefined) {
    sink.add('END_REASON_WITHOUT_END', `motif de fin « ${motif} » sans date_fin`, motifCell);
  }
  const preavisCell = row.cell('date_preavis');
  const datePreavis = sink.parse(preavisCell, parseDate);
  if (preavisCell.value !== undefined && motif !== 'resiliation') {
    sink.add('NOTICE_WITHOUT_RESILIATION', `date de préavis « ${preavisCell.value} » alors que le motif de fin n'est pas « resiliation » (R7)`, preavisCell);
  }
  if (sink.problems.length > before) return undefined;
  return {
    ...(dateFin !== undefined ? { dateFin } : {}),
    ...(motif !== undefined ? { motifFin: motif as EndReason } : {}),
    ...(datePreavis !== undefined ? { datePreavis } : {}),
  };
}
