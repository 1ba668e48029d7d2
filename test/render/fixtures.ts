/**
 * Views shaped like worked example E2 of tariff-rules.md: Écully (69081), laclasse.com, transitional
 * regime capped at 1 210,00 € in 2026. Built in code so that the render tests need no dataset.
 */
import type { Commune, Config, PayingService } from '../../src/engine/dataset.js';
import { Decimal } from '../../src/engine/money.js';
import { issuedDocument, type IssuedDocument } from '../../src/engine/history.js';
import { planRegularisation, type Regularisation } from '../../src/engine/knock-on.js';
import { transitionalFollowingLines } from '../../src/engine/transitional.js';
import { planCancellation } from '../../src/engine/plan-cancellation.js';
import type { PlannedDocument } from '../../src/engine/plan-types.js';
import type { BordereauLine, BordereauView, DocumentRenderer, TitreView } from '../../src/render/views.js';
import { config as sharedConfig, laclasse as sharedLaclasse, METROPOLE } from '../fixtures/dataset.js';
import { bordereauBytes, toBuffer } from './pdf-tools.js';

export const laclasse: PayingService = sharedLaclasse({ libelle: 'laclasse.com', imputation: { chapitre: '74', nature: '74748', fonction: '20' } });

/** The shared config with the signatory, accountant and convention printed on the PDFs. */
export const config: Config = {
  ...sharedConfig(),
  emetteur: {
    ...METROPOLE,
    signataire: {
      prenom: 'Hélène',
      nom: 'Géraud',
      qualite: 'vice-présidente déléguée aux finances',
      delegation: 'pour le Président et par délégation',
      arreteDelegation: 'arrêté n° 2025-07-01-R-0456 du 1er juillet 2025',
    },
    comptable: {
      nom: 'Paierie départementale du Rhône',
      adresse: ['3, rue de la Charité', '69268 Lyon Cedex 02'],
      iban: 'FR76 3000 1004 5200 0000 0000 123',
      bic: 'BDFEFRPPCCT',
    },
    tribunal: { nom: 'Tribunal administratif de Lyon', adresse: '184, rue Duguesclin, 69433 Lyon Cedex 03' },
    service: {
      nom: "Direction de l'innovation numérique et des systèmes d'information",
      interlocuteur: 'Dominique Lefèvre',
      telephone: '04 78 63 40 00',
      courriel: 'titres-numerique@grandlyon.example',
    },
  },
  convention: {
    reference: "Convention-cadre « Offre de services numériques à l'usager » signée le 20/11/2025 avec la commune",
    premierExercice: 2026,
    dureeMaxAnnees: 6,
    deliberation: 'Délibération n° CP-2025-4074 de la Commission permanente du 14 avril 2025',
  },
  services: new Map([['laclasse', laclasse]]),
};

export const ecully: Commune = {
  codeInsee: '69081',
  nom: 'Écully',
  siren: '216900811',
  adresse: 'Place de la Libération',
  codePostal: '69130',
  ville: 'Écully',
  line: 20,
};

export const LIQUIDATION_E2 = [
  {
    ref: 'R3 – art. 10.1',
    libelle: 'Population totale en vigueur au 1er janvier 2026 (INSEE, populations légales millésime 2023) : 18 243 habitants',
    source: 'populations/2026.csv, ligne 20',
  },
  {
    ref: 'R4 – art. 10.1',
    libelle:
      'Indice Syntec connu au 1er janvier 2026 : octobre 2025 = 322,2 (publié le 28/11/2025) ; indice de référence du tarif : janvier 2025 = 315,2 (publié le 28/02/2025)',
  },
  {
    ref: 'R4 – annexe laclasse.com §6',
    libelle: 'Contribution-cible : 300,00 € + 0,06 € × 18 243 hab. = 1 394,58 € ; 1 394,58 € × 322,2 / 315,2 = 1 425,55 € (arrondi au centime)',
    montant: '1425.55',
  },
  { ref: 'R5 – art. 10.2', libelle: 'Montant antérieur : 1 100,00 € ; plafond 2026 = 1 100,00 € × 1,10 = 1 210,00 €' },
  { ref: 'R5 – art. 10.2', libelle: 'Montant = min(1 425,55 € ; 1 210,00 €) = 1 210,00 € (contribution-cible non atteinte)', montant: '1210.00' },
  { ref: 'R5 – art. 10.2', libelle: "Montant dû au titre de l'exercice 2026 : 1 210,00 €", montant: '1210.00' },
];

export function titreDocument(): PlannedDocument {
  return {
    type: 'titre',
    exercice: 2026,
    codeInsee: '69081',
    commune: 'Écully',
    service: 'laclasse',
    montant: new Decimal('1210.00'),
    regime: 'transitoire',
    contributionCible: new Decimal('1425.55'),
    converge: false,
    liquidation: LIQUIDATION_E2,
    figures: { population: 18243, populationType: 'totale', montantAnterieur: '1100.00', plafond: '1210.00' },
  };
}

export function titreView(overrides: Partial<TitreView> = {}): TitreView {
  return {
    document: titreDocument(),
    config,
    commune: ecully,
    service: laclasse,
    numero: 12,
    bordereau: 3,
    bordereauNature: 'titres',
    dateEmission: '2026-06-15',
    dateEcheance: '2026-07-15',
    preview: false,
    ...overrides,
  };
}

/** R8: breach by the Métropole, termination on 30/09/2026: 92 days of 365 refunded. */
export function reductionView(type: 'reduction' | 'annulation' = 'reduction'): TitreView {
  const montant = type === 'reduction' ? '304.99' : '1210.00';
  const document: PlannedDocument = {
    type,
    exercice: 2026,
    codeInsee: '69081',
    commune: 'Écully',
    service: 'laclasse',
    montant: new Decimal(montant),
    liquidation:
      type === 'reduction'
        ? [
            { ref: 'R8 – art. 12.2', libelle: 'Résiliation pour manquement de la Métropole le 30/09/2026 : 92 jours non courus sur 365' },
            { ref: 'R8 – art. 12.2', libelle: 'Remboursement = 1 210,00 € × 92 / 365 = 304,99 €', montant: '304.99' },
          ]
        : [
            { ref: 'R10', libelle: "Titre d'origine : n° 12 de l'exercice 2026, émis le 15/06/2026, montant 1 210,00 €", montant: '1210.00' },
            { ref: 'R10', libelle: "Montant de l'annulation (motif : erreur matérielle : double émission) : 1 210,00 €", montant: '1210.00' },
          ],
    figures: {},
    titreOrigine: { exercice: 2026, numero: 12 },
    motif: type === 'reduction' ? 'résiliation pour manquement de la Métropole (art. 12.2)' : 'erreur matérielle : double émission',
  };
  return titreView({
    document,
    numero: 40,
    bordereau: 5,
    bordereauNature: 'reductions',
    dateEmission: '2026-10-05',
    dateEcheance: '2026-11-04',
    origine: { numero: 12, exercice: 2026, dateEmission: '2026-06-15', montant: '1210.00', netAvant: '1210.00' },
  });
}

export function bordereauLines(count: number): BordereauLine[] {
  return Array.from({ length: count }, (_, i) => ({
    numero: 12 + i,
    type: 'titre' as const,
    codeInsee: String(69001 + i).padStart(5, '0'),
    commune: i === 0 ? 'Écully' : `Commune n° ${i + 1}`,
    montant: i === 0 ? '1210.00' : `${100 + i}.${String(i % 100).padStart(2, '0')}`,
  }));
}

export function bordereauView(overrides: Partial<BordereauView> = {}): BordereauView {
  const lines: BordereauLine[] = [
    { numero: 12, type: 'titre', codeInsee: '69081', commune: 'Écully', montant: '1210.00' },
    { numero: 13, type: 'titre', codeInsee: '69003', commune: 'Albigny-sur-Saône', montant: '487.64' },
    { numero: 14, type: 'titre', codeInsee: '69233', commune: "Saint-Cyr-au-Mont-d'Or", montant: '681.39' },
  ];
  return {
    config,
    service: laclasse,
    exercice: 2026,
    numero: 3,
    nature: 'titres',
    dateEmission: '2026-06-15',
    lines,
    total: '2379.03',
    cumulExercice: '15420.77',
    preview: false,
    ...overrides,
  };
}

/** Écully's titre n° 12 of 2026 as the journal holds it (E2: 1 210,00 €). */
function issuedTitre12(): IssuedDocument {
  return issuedDocument(titreDocument(), { numero: 12, bordereau: 3, dateEmission: '2026-06-15', fichier: 'titre-2026-00012.pdf', sha256: '' });
}

/**
 * R10 knock-on, as the engine plans it: 2026's titre n° 12 reduced to 1 150,00 €, so R5 caps 2027
 * at 1 150,00 × 1,05 = 1 207,50 € and the 2027 titre n° 31 (1 270,50 €) is reduced by 63,00 €.
 */
function knockOn(): Regularisation {
  const titre31: IssuedDocument = {
    ...issuedTitre12(),
    exercice: 2027,
    numero: 31,
    dateEmission: '2027-06-15',
    montant: new Decimal('1270.50'),
    contributionCible: new Decimal('1460.06'),
  };
  return {
    codeInsee: '69081',
    commune: 'Écully',
    service: 'laclasse',
    titre: titre31,
    net: new Decimal('1270.50'),
    r5: new Decimal('1207.50'),
    cause: issuedTitre12(),
    lines: transitionalFollowingLines(
      2027,
      { source: 'titre', exercice: 2026, titre: issuedTitre12() },
      new Decimal('1150.00'),
      new Decimal('0.05'),
      new Decimal('1460.06'),
      new Decimal('1207.50'),
      new Decimal('1207.50'),
      false,
    ),
  };
}

const ORIGINE_31 = { numero: 31, exercice: 2027, dateEmission: '2027-06-15', montant: '1270.50', netAvant: '1270.50' };

/** The réduction of the excess, issued in 2027 (its exercice is open). */
export function regularisationView(): TitreView {
  return titreView({
    document: planRegularisation(knockOn()),
    numero: 44,
    bordereau: 6,
    bordereauNature: 'reductions',
    dateEmission: '2027-09-15',
    dateEcheance: '2027-10-15',
    origine: ORIGINE_31,
  });
}

/** The same excess once 2027 is closed: the statement n° 2 of compte 673 of 2028 (R10 knock-on onto a closed exercice). */
export function closedRegularisationView(): TitreView {
  return titreView({
    document: planRegularisation(knockOn(), 2028),
    numero: 2,
    bordereau: null,
    dateEmission: '2028-03-01',
    dateEcheance: '2028-03-31',
    origine: ORIGINE_31,
  });
}

/**
 * R10 « Closed exercice », as the engine plans it: on 01/09/2027 the 2026 titre n° 12 is reduced by
 * 50,00 € through the statement n° 1 of 2027 supporting a mandat on compte 673 (no bordereau).
 */
export function etatView(montant = '50.00'): TitreView {
  const document = planCancellation(
    { documents: [issuedTitre12()] },
    { exercice: 2026, numero: 12, motif: 'Erreur de tarif', montant: new Decimal(montant), date: '2027-09-01' },
    { communes: new Map([[ecully.codeInsee, ecully]]) },
  );
  return titreView({
    document,
    numero: 1,
    bordereau: null,
    dateEmission: '2027-09-01',
    dateEcheance: '2027-10-01',
    origine: { numero: 12, exercice: 2026, dateEmission: '2026-06-15', montant: '1210.00', netAvant: '1210.00' },
  });
}

/** One document of each template (issue 11), its PDF: the avis, every correction, the statement, a preview, a bordereau. */
export function sampleDocuments(renderer: DocumentRenderer) {
  return {
    titre: () => toBuffer(renderer.renderTitre(titreView())),
    reduction: () => toBuffer(renderer.renderTitre(reductionView('reduction'))),
    annulation: () => toBuffer(renderer.renderTitre(reductionView('annulation'))),
    regularisation: () => toBuffer(renderer.renderTitre(regularisationView())),
    etat: () => toBuffer(renderer.renderTitre(etatView())),
    apercu: () => toBuffer(renderer.renderTitre(titreView({ preview: true, numero: null, bordereau: null }))),
    bordereau: () => bordereauBytes(renderer, bordereauView()),
  } as const;
}
