/**
 * The machine-readable twin of every document (issue 11 item 5): its liquidation as JSON, embedded
 * in the PDF as a PDF/A-3 associated file (AFRelationship /Data), so that a commune's software reads
 * the amount and its bases without OCR. The shapes are published in schemas/titre-liquidation.schema.json
 * and schemas/bordereau.schema.json; every figure comes with its source. Unlike the printed page,
 * the data keeps the internal rule ids and the dataset positions (ledger-grade provenance).
 */
import { createHash } from 'node:crypto';
import type { IsoDate } from '../engine/dates.js';
import { hasBordereau, type Figures } from '../engine/plan-types.js';
import { motifForDocument } from '../engine/breach-refund.js';
import { populationMillesime } from '../engine/liquidation-lines.js';
import { toAmountString } from '../engine/money.js';
import type { BordereauLine, BordereauView, TitreView } from './views.js';
import { referenceDeflate } from './native-writes.js';

export const DATA_VERSION = 1;
export const TITRE_DATA_FILE = 'liquidation.json';
export const BORDEREAU_DATA_FILE = 'bordereau.json';
export const TITRE_SCHEMA_ID = 'https://titres.grandlyon.example/schemas/titre-liquidation.schema.json';
export const BORDEREAU_SCHEMA_ID = 'https://titres.grandlyon.example/schemas/bordereau.schema.json';

export interface SourcedFigure {
  nom: string;
  valeur: string;
  source: string;
}

export interface TitreData {
  $schema: string;
  version: number;
  document: {
    type: string;
    exercice: number;
    numero: number | null;
    bordereau: number | null;
    date_emission: string;
    date_limite_paiement: string | null;
    apercu: boolean;
  };
  emetteur: { nom: string; siren: string };
  debiteur: { code_insee: string; nom: string; siren: string; siret: string | null };
  service: { id: string; libelle: string };
  montant: string;
  regime: string | null;
  contribution_cible: string | null;
  titre_origine: { exercice: number; numero: number } | null;
  motif: string | null;
  imputation: { chapitre: string | null; nature: string | null; fonction: string | null };
  liquidation: { ref: string; libelle: string; montant: string | null; source: string | null }[];
  chiffres: SourcedFigure[];
}

/** Where each figure comes from, in words a reader can follow (the dataset position when there is one). */
function figureSources(f: Figures, view: TitreView): SourcedFigure[] {
  const out: SourcedFigure[] = [];
  const add = (nom: string, valeur: string | number | undefined, source: string): void => {
    if (valeur !== undefined) out.push({ nom, valeur: String(valeur), source });
  };
  const N = view.document.exercice;
  const serie = f.indiceSerie ?? 'syntec';
  const where = f.populationFichier ? ` ; ${f.populationFichier}${f.populationLigne ? `, ligne ${f.populationLigne}` : ''}` : '';
  add('population', f.population, `INSEE, population ${f.populationType ?? 'totale'} légale millésime ${populationMillesime(N)}, en vigueur au 1er janvier ${N}${where}`);
  add('indice_valeur', f.indiceValeur, `indice ${serie} du mois ${f.indiceMois}, publié le ${f.indicePublieLe} ; indices/${serie}.csv`);
  add('indice_reference_valeur', f.indiceReferenceValeur, `indice ${serie} du mois ${f.indiceReferenceMois}, publié le ${f.indiceReferencePublieLe} ; référence du tarif (config.json, services.${view.service.id}.indice.reference)`);
  add('coefficient', f.coefficient, `indice_valeur / indice_reference_valeur (quotient exact, arrondi ici à 12 décimales ; le montant est calculé sur le quotient exact)`);
  add('forfait', f.forfait, `convention-cadre, conditions financières du service (config.json, services.${view.service.id}.forfait)`);
  add('par_habitant', f.parHabitant, `convention-cadre, conditions financières du service (config.json, services.${view.service.id}.par_habitant)`);
  add('options_montant', f.optionsMontant, `avenant n° 1, art. 1 : ${f.optionsDetail ?? ''} (adhesions.csv, colonne options)`);
  add('contribution_cible', f.contributionCible, 'arrondi au centime de (forfait + options + par_habitant × population) × indice_valeur / indice_reference_valeur (art. 10.1)');
  add('montant_anterieur', f.montantAnterieur, 'montant facturé avant la convention-cadre (adhesions.csv, colonne montant_anterieur)');
  add('montant_precedent', f.montantPrecedent, `montant net du titre de l'exercice ${N - 1} (journal.csv)`);
  add('plafond', f.plafond, 'montant de référence × (1 + taux de hausse) arrondi au centime (art. 10.2)');
  add('jours_factures', f.joursFactures, 'jours d’adhésion dans l’exercice (art. 10.3)');
  add('jours_annee', f.joursAnnee, `jours de l'année ${N}`);
  add('prorata_mode', f.prorataMode, `config.json, services.${view.service.id}.prorata`);
  add('remboursement', f.remboursement, 'restitution prorata temporis pour manquement de la Métropole (art. 12.2)');
  add('politique_fin', f.politiqueFin, `config.json, services.${view.service.id}.fin_en_cours_exercice`);
  add('date_debut', f.dateDebut, 'adhesions.csv, colonne date_debut (jamais avant la signature)');
  add('date_fin', f.dateFin, 'fin de la période facturée (adhesions.csv, colonnes date_fin et motif_fin)');
  return out;
}

export function titreData(view: TitreView): TitreData {
  const d = view.document;
  const issued = !view.preview && view.numero !== null;
  const claims = d.type === 'titre';
  const imputation = view.service.imputation;
  return {
    $schema: TITRE_SCHEMA_ID,
    version: DATA_VERSION,
    document: {
      type: d.type,
      exercice: d.exercice,
      numero: issued ? view.numero : null,
      bordereau: issued && hasBordereau(d.type) ? view.bordereau : null,
      date_emission: view.dateEmission,
      date_limite_paiement: issued && claims ? view.dateEcheance : null,
      apercu: !issued,
    },
    emetteur: { nom: view.config.emetteur.nom, siren: view.config.emetteur.siren },
    debiteur: { code_insee: view.commune.codeInsee, nom: view.commune.nom, siren: view.commune.siren, siret: view.commune.siret ?? null },
    service: { id: view.service.id, libelle: view.service.libelle },
    montant: toAmountString(d.montant),
    regime: d.regime ?? null,
    contribution_cible: d.contributionCible ? toAmountString(d.contributionCible) : null,
    titre_origine: d.titreOrigine ?? null,
    motif: d.motif !== undefined ? motifForDocument(d.motif) : null,
    imputation: { chapitre: imputation.chapitre ?? null, nature: imputation.nature ?? null, fonction: imputation.fonction ?? null },
    liquidation: d.liquidation.map((l) => ({ ref: l.ref, libelle: l.libelle, montant: l.montant ?? null, source: l.source ?? null })),
    chiffres: figureSources(d.figures, view),
  };
}

export interface BordereauData {
  $schema: string;
  version: number;
  document: { type: 'bordereau'; nature: string; exercice: number; numero: number | null; date_emission: string; apercu: boolean };
  emetteur: { nom: string; siren: string };
  service: { id: string; libelle: string };
  nombre_pieces: number;
  total: string;
  cumul_exercice: string;
  pieces: { numero: number | null; type: string; code_insee: string; commune: string; montant: string; titre_origine: string | null }[];
}

type BordereauPiece = BordereauData['pieces'][number];

const bordereauIssued = (view: BordereauView): boolean => !view.preview && view.numero !== null;

function bordereauPiece(l: BordereauLine, issued: boolean): BordereauPiece {
  return { numero: issued ? l.numero : null, type: l.type, code_insee: l.codeInsee, commune: l.commune, montant: l.montant, titre_origine: l.titreOrigine ?? null };
}

/** Everything but the pieces, in the order JSON.stringify prints them (pieces last). */
function bordereauHead(view: BordereauView): Omit<BordereauData, 'pieces'> {
  const issued = bordereauIssued(view);
  return {
    $schema: BORDEREAU_SCHEMA_ID,
    version: DATA_VERSION,
    document: { type: 'bordereau', nature: view.nature, exercice: view.exercice, numero: issued ? view.numero : null, date_emission: view.dateEmission, apercu: !issued },
    emetteur: { nom: view.config.emetteur.nom, siren: view.config.emetteur.siren },
    service: { id: view.service.id, libelle: view.service.libelle },
    nombre_pieces: view.lines.length,
    total: view.total,
    cumul_exercice: view.cumulExercice,
  };
}

export function bordereauData(view: BordereauView): BordereauData {
  const issued = bordereauIssued(view);
  return { ...bordereauHead(view), pieces: Array.from(view.lines, (l) => bordereauPiece(l, issued)) };
}

/** Lines of a bordereau per piece of its JSON text. */
const JSON_PIECE_LINES = 500;

/**
 * The bordereau's data as the text attachData embeds, JSON.stringify(bordereauData(view), null, 2)
 * and a newline, in pieces of JSON_PIECE_LINES lines (issue 12, flat memory: a national
 * bordereau's text is some 7 MB, held twice, as a string and as bytes, when made at once). Each
 * piece is printed by JSON.stringify, indented as it is within the whole.
 */
export function* bordereauJson(view: BordereauView): Generator<string> {
  const issued = bordereauIssued(view);
  const head = JSON.stringify({ ...bordereauHead(view), pieces: 0 }, null, 2);
  const open = head.slice(0, -'0\n}'.length); // ends with « "pieces": »
  if (view.lines.length === 0) {
    yield `${open}[]\n}\n`;
    return;
  }
  let text = `${open}[`;
  let count = 0;
  for (const line of view.lines) {
    text += `${count === 0 ? '' : ','}\n    ${JSON.stringify(bordereauPiece(line, issued), null, 2).replaceAll('\n', '\n    ')}`;
    if (++count % JSON_PIECE_LINES === 0) {
      yield text;
      text = '';
    }
  }
  yield `${text}\n  ]\n}\n`;
}

interface FileInternals {
  ref(data: object): { end(data?: Buffer): void; write(data: Buffer): void; compress?: boolean };
  addNamedEmbeddedFile(name: string, ref: object): void;
  _root: { data: { AF?: object[] } };
  compress?: boolean;
}

/**
 * Embeds `data` as the document's associated file (PDF/A-3: AFRelationship /Data, dated like the
 * document). The objects are those of pdfkit's `doc.file()` (0.17 to 0.20), byte for byte, but the
 * checksum is node's native MD5: pdfkit hashes with crypto-js, in JavaScript, which cost a
 * twentieth of a titre's rendering (profile of 2 000 titres).
 */
export function attachData(doc: PDFKit.PDFDocument, name: string, description: string, data: unknown, date: IsoDate): void {
  const bytes = Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8');
  embed(doc, { name, description, date }, { checksum: createHash('md5').update(bytes).digest('hex'), size: bytes.length }, (file) => file.end(bytes));
}

/**
 * attachData for a text given in pieces (bordereauJson), never held whole: the pieces are hashed,
 * measured and deflated as they come (reused-deflate.ts: the bytes of the whole deflated at once),
 * and the file's stream written deflated. Where pdfkit compresses the stream itself (native writes
 * not installed) or not at all, the pieces are kept and written as they are.
 */
export function attachDataPieces(doc: PDFKit.PDFDocument, name: string, description: string, pieces: Iterable<string>, date: IsoDate): void {
  const md5 = createHash('md5');
  let size = 0;
  const bytes = function* (): Generator<Buffer> {
    for (const piece of pieces) {
      const chunk = Buffer.from(piece, 'utf8');
      md5.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  };
  const deflate = (doc as unknown as FileInternals).compress === true ? referenceDeflate() : undefined;
  const deflated = deflate?.pieces(bytes());
  const raw = deflated === undefined ? [...bytes()] : [];
  embed(doc, { name, description, date }, { checksum: md5.digest('hex'), size }, (file) => {
    if (deflated === undefined) {
      for (const chunk of raw) file.write(chunk);
      file.end();
      return;
    }
    file.write(deflated); // sets Length and Filter as pdfkit does for the stream it deflates
    file.compress = false; // already deflated: finalize writes it as it is
    file.end();
  });
}

/** The embedded file's stream (`write`: its content), its file specification, and their entries in the document. */
function embed(
  doc: PDFKit.PDFDocument,
  about: { name: string; description: string; date: IsoDate },
  params: { checksum: string; size: number },
  write: (file: ReturnType<FileInternals['ref']>) => void,
): void {
  const { name, description, date } = about;
  const day = new Date(`${date}T00:00:00Z`);
  const pdf = doc as unknown as FileInternals;
  const file = pdf.ref({
    Type: 'EmbeddedFile',
    Params: { CreationDate: day, ModDate: day, CheckSum: new String(params.checksum), Size: params.size },
    Subtype: 'application#2Fjson',
  });
  write(file);
  const filespec = pdf.ref({
    Type: 'Filespec',
    AFRelationship: 'Data',
    F: new String(name),
    EF: { F: file },
    UF: new String(name),
    Desc: new String(description),
  });
  filespec.end();
  pdf.addNamedEmbeddedFile(name, filespec);
  (pdf._root.data.AF ??= []).push(filespec);
}
