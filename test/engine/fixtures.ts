/**
 * Datasets and histories built in code for the engine tests (no files). Figures follow the worked
 * examples of tariff-rules.md: laclasse.com F = 300,00 €, h = 0,06 €, S(ref) = Syntec 2025-01 =
 * 315,2; Syntec 2025-10 = 322,2 published 28/11/2025.
 */
import type {
  Adhesion,
  Commune,
  Config,
  Dataset,
  IndexPoint,
  IndexSeries,
  PayingService,
  PopulationTable,
  Service,
} from '../../src/engine/dataset.js';
import type { History, IssuedDocument } from '../../src/engine/history.js';
import { Decimal, dec } from '../../src/engine/money.js';
import type { Plan } from '../../src/engine/plan-types.js';

export const ECULLY = '69081';
export const SMALL = '69033'; // population 3 103 in the examples E5–E7
export const LYON = '69123';
export const TINY = '69071'; // a very small commune, for the threshold

export function laclasse(overrides: Partial<PayingService> = {}): PayingService {
  return {
    id: 'laclasse',
    libelle: 'laclasse.com, espace numérique de travail des écoles',
    gratuit: false,
    forfait: dec('300.00'),
    parHabitant: dec('0.06'),
    population: 'totale',
    indice: { serie: 'syntec', reference: '2025-01' },
    transitoire: { haussePremiereAnnee: dec('0.10'), hausseAnnuelle: dec('0.05') },
    prorata: 'forfait',
    finEnCoursExercice: 'du',
    imputation: { chapitre: '74', nature: '74748' },
    options: new Map(),
    ...overrides,
  };
}

export function toodego(overrides: Partial<PayingService> = {}): PayingService {
  return laclasse({
    id: 'toodego',
    libelle: 'Toodego, guichet numérique',
    forfait: dec('500.00'),
    parHabitant: dec('0.02'),
    options: new Map([
      ['connecteurs', { id: 'connecteurs', libelle: 'Maintenance des connecteurs', prixUnitaire: dec('250.00') }],
    ]),
    ...overrides,
  });
}

export function config(services: Service[] = [laclasse(), toodego()]): Config {
  const all: Service[] = [
    ...services,
    { id: 'data-grandlyon', libelle: 'data.grandlyon.com', gratuit: true },
    { id: 'geonet', libelle: 'Geonet', gratuit: true },
  ];
  return {
    emetteur: {
      nom: 'Métropole de Lyon',
      siren: '200046977',
      adresse: ['20, rue du Lac', 'CS 33569', '69505 Lyon Cedex 03'],
      signataire: { prenom: 'Prénom', nom: 'NOM', qualite: 'Vice-président' },
      comptable: { nom: 'Paierie', adresse: ['Lyon'], iban: 'FR76', bic: 'BDFEFRPPCCT' },
      tribunal: { nom: 'Tribunal administratif de Lyon', adresse: 'Lyon' },
    },
    convention: { reference: 'CC-2025', premierExercice: 2026, dureeMaxAnnees: 6 },
    numerotation: { premierNumero: 1, premierBordereau: 1 },
    delaiPaiementJours: 30,
    seuilRecouvrement: dec('15.00'),
    services: new Map(all.map((s) => [s.id, s])),
  };
}

function commune(codeInsee: string, nom: string, line: number): Commune {
  return {
    codeInsee,
    nom,
    siren: '216900000',
    adresse: 'Place de la mairie',
    codePostal: '69000',
    ville: nom,
    source: { file: 'communes.csv', line },
  };
}

export const COMMUNES = new Map<string, Commune>([
  [ECULLY, commune(ECULLY, 'Écully', 2)],
  [SMALL, commune(SMALL, 'Cailloux-sur-Fontaines', 3)],
  [LYON, commune(LYON, 'Lyon', 4)],
  [TINY, commune(TINY, 'Petiteville', 5)],
]);

/** Population figures: code → [municipale, totale]. */
export type PopulationRows = Record<string, [number, number]>;

export const POPULATIONS_2026: PopulationRows = {
  [ECULLY]: [17944, 18243],
  [SMALL]: [3050, 3103],
  [TINY]: [10, 12],
};

export function populationTable(exercice: number, rows: PopulationRows): PopulationTable {
  const file = `populations/${exercice}.csv`;
  const byCommune = new Map(
    Object.entries(rows).map(([code, [municipale, totale]], i) => [
      code,
      { municipale, totale, source: { file, line: i + 2 } },
    ]),
  );
  return { exercice, file, format: 'simple', byCommune };
}

/** The same figures for every listed exercice, unless given per year. */
export function populations(
  years: number[],
  rows: PopulationRows = POPULATIONS_2026,
  perYear: Record<number, PopulationRows> = {},
): Map<number, PopulationTable> {
  return new Map(years.map((y) => [y, populationTable(y, perYear[y] ?? rows)]));
}

export function point(mois: string, valeur: string, publieLe?: string, line = 0): IndexPoint {
  return { mois, valeur: dec(valeur), ...(publieLe ? { publieLe } : {}), source: { file: 'indices/syntec.csv', line } };
}

/** The real series around the examples (2025-09 has no publication date: counts as 31/10/2025). */
export const SYNTEC_2025: IndexPoint[] = [
  point('2024-12', '314.8'),
  point('2025-01', '315.2', '2025-02-28'),
  point('2025-09', '321.7'),
  point('2025-10', '322.2', '2025-11-28'),
];

export function syntec(points: IndexPoint[] = SYNTEC_2025): IndexSeries {
  const sorted = [...points].sort((a, b) => (a.mois < b.mois ? -1 : 1)).map((p, i) => ({ ...p, source: { ...p.source, line: i + 2 } }));
  return { serie: 'syntec', file: 'indices/syntec.csv', points: sorted };
}

let adhesionLine = 1;

export function adhesion(a: Partial<Adhesion> & Pick<Adhesion, 'codeInsee'>): Adhesion {
  const dateSignature = a.dateSignature ?? '2025-12-18';
  adhesionLine += 1;
  return {
    service: 'laclasse',
    dateSignature,
    dateDebut: a.dateDebut ?? dateSignature,
    options: new Map(),
    source: { file: 'adhesions.csv', line: adhesionLine },
    ...a,
  };
}

export function dataset(parts: Partial<Dataset> & Pick<Dataset, 'adhesions'>): Dataset {
  return {
    dir: '/data',
    config: config(),
    communes: COMMUNES,
    populations: populations([2026, 2027, 2028, 2029, 2030, 2031, 2032]),
    indices: new Map([['syntec', syntec()]]),
    ...parts,
  };
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

/** What src/apply would append to the journal when issuing a plan: numbers in series per exercice. */
export function issuePlan(history: History, plan: Plan): History {
  const documents = [...history.documents];
  for (const doc of plan.documents) {
    const numero = documents.filter((d) => d.exercice === doc.exercice).length + 1;
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
