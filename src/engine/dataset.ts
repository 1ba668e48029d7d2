/**
 * The validated inputs of the engine (data-contract.md). Readers in src/io build these; the engine
 * never touches a file. Every record keeps its source position so that the liquidation can cite it:
 * a commune, an adhesion or a population figure its line alone, in a file that is implied (issue 12,
 * flat memory: a { file, line } object for each of them was 80 bytes a titre on a national dataset).
 */
import type { Decimal } from './money.js';
import type { IsoDate, IsoMonth } from './dates.js';
import type { Sequence } from './sequence.js';

export interface SourceRef {
  file: string; // dataset-relative path, e.g. "adhesions.csv"
  line: number;
}

/** The dataset-relative paths of the files whose records keep their line alone. */
export const COMMUNES_FILE = 'communes.csv';
export const ADHESIONS_FILE = 'adhesions.csv';

/** Where an adhesion is written, as messages and liquidations cite it. */
export const adhesionSource = (adhesion: Pick<Adhesion, 'line'>): SourceRef => ({ file: ADHESIONS_FILE, line: adhesion.line });

export interface Signatory {
  prenom: string;
  nom: string;
  qualite: string;
  /** The delegation formula that opens the signature: « Pour le Président et par délégation ». */
  delegation?: string;
  /** The act that gives the delegation: « arrêté n° 2025-07-01-R-0456 du 1er juillet 2025 ». */
  arreteDelegation?: string;
}

/** The service that issues the titres and answers the communes' questions (printed in the header). */
export interface IssuingService {
  nom: string;
  /** The person to ask: « Prénom NOM ». */
  interlocuteur?: string;
  telephone?: string;
  courriel?: string;
}

export interface Comptable {
  nom: string;
  adresse: string[];
  iban: string;
  bic: string;
}

export interface Issuer {
  nom: string;
  siren: string;
  adresse: string[];
  signataire: Signatory;
  comptable: Comptable;
  tribunal: { nom: string; adresse: string };
  /** Optional: the issuing service and its contact, printed in the header of every titre. */
  service?: IssuingService;
  /** Optional fields, required only by `export-pes` (issue 6). */
  siret?: string;
  pes?: PesIdentifiers;
}

export interface PesIdentifiers {
  idPost?: string; // poste comptable codique
  codCol?: string;
  codBud?: string;
  libelleColBud?: string;
  /**
   * Edition of the titres (PES BlocPiece/Edition) for communes with a SIRET: '02' ASAP CPP
   * (Chorus Pro, the default) or '01' ASAP à éditer. A commune without SIRET is always '01'.
   */
  edition?: PesEdition;
  /** RefBdf of the PES_Facture ASAP: the budget's Banque de France issuer reference (ICS or numéro émetteur). */
  refBdf?: string;
  /** Address lines of the DGFiP centre d'encaissement (TSA…, then « CP Ville »), PES_Facture Tiers 25. */
  centreEncaissement?: string[];
  /** ModalitesReglement of the PES_Facture; a sentence built from the comptable's IBAN when absent. */
  modalitesReglement?: string;
  /** Per commune (code INSEE): its own Edition and Chorus Pro service code. */
  communes?: Map<string, PesCommune>;
}

export type PesEdition = '01' | '02';

export interface PesCommune {
  edition?: PesEdition;
  /** Chorus Pro « code service » of the debtor (BlocPiece/CodeService). */
  codeService?: string;
}

export interface Imputation {
  chapitre?: string;
  nature?: string;
  fonction?: string;
  /** PES CodProdLoc (≤ 4 alphanumeric characters), required only by export-pes. */
  code_produit?: string;
}

export interface ServiceOption {
  id: string;
  libelle: string;
  prixUnitaire: Decimal; // € per unit per year (R2)
}

export type PopulationKind = 'totale' | 'municipale';
export type ProrataMode = 'forfait' | 'total';
export type EndPolicy = 'du' | 'prorata';

interface ServiceBase {
  id: string; // key in config.services: laclasse, toodego, …
  libelle: string;
}

export interface FreeService extends ServiceBase {
  gratuit: true;
}

export interface PayingService extends ServiceBase {
  gratuit: false;
  /** The convention's text that fixes this tariff, cited by the contribution-cible line (« annexe laclasse.com §6 »); art. 10.1 when absent. */
  annexeTarifaire?: string;
  forfait: Decimal;
  parHabitant: Decimal;
  population: PopulationKind;
  indice: { serie: string; reference: IsoMonth };
  transitoire: { haussePremiereAnnee: Decimal; hausseAnnuelle: Decimal };
  prorata: ProrataMode;
  finEnCoursExercice: EndPolicy;
  imputation: Imputation;
  options: Map<string, ServiceOption>;
}

export type Service = FreeService | PayingService;

export interface Config {
  emetteur: Issuer;
  convention: {
    reference: string;
    premierExercice: number;
    dureeMaxAnnees: number;
    /** Optional: texts cited as legal basis on the titre (délibérations…). */
    deliberation?: string;
  };
  numerotation: { premierNumero: number; premierBordereau: number };
  delaiPaiementJours: number;
  seuilRecouvrement: Decimal;
  services: Map<string, Service>;
}

export interface Commune {
  codeInsee: string;
  nom: string;
  siren: string;
  siret?: string;
  adresse: string;
  codePostal: string;
  ville: string;
  /** Its line in communes.csv (COMMUNES_FILE). */
  line: number;
}

export interface PopulationFigures {
  municipale: number;
  totale: number;
  /** Its line in its table's file; for Lyon summed from arrondissements: the first arrondissement's line. */
  line: number;
  /** Set when the figure is the sum of arrondissements (R3). */
  sommeArrondissements?: string[];
}

export type PopulationFormat = 'simple' | 'insee-2021' | 'insee-2020';

export interface PopulationTable {
  exercice: number; // the file N.csv: figures in force on 1 January N
  file: string;
  format: PopulationFormat;
  /** A PopulationColumns when read from a dataset's files with its communes. */
  byCommune: ReadonlyMap<string, PopulationFigures>;
}

export type EndReason = 'resiliation' | 'manquement_commune' | 'manquement_metropole';

export interface Adhesion {
  codeInsee: string;
  service: string;
  dateSignature: IsoDate;
  dateDebut: IsoDate; // defaults to dateSignature
  montantAnterieur?: Decimal; // presence ⇒ transitional regime (R5)
  dateFin?: IsoDate;
  motifFin?: EndReason;
  datePreavis?: IsoDate;
  options: ReadonlyMap<string, number>; // option id → quantity
  /** Its line in adhesions.csv (ADHESIONS_FILE): adhesionSource. */
  line: number;
}

export interface IndexPoint {
  mois: IsoMonth;
  valeur: Decimal;
  publieLe?: IsoDate;
  source: SourceRef;
}

export interface IndexSeries {
  serie: string;
  file: string;
  points: IndexPoint[]; // sorted by month, one per month
}

export interface Dataset {
  dir: string;
  config: Config;
  /** A CommuneTable when read from a dataset's files. */
  communes: ReadonlyMap<string, Commune>;
  populations: Map<number, PopulationTable>;
  /** In file order; an AdhesionTable when read from a dataset's files. */
  adhesions: Sequence<Adhesion>;
  indices: Map<string, IndexSeries>;
}
