/**
 * Inputs of the PES tests, built in code: the Métropole de Lyon (SIREN 200046977) with
 * illustrative PES identifiers (poste, budget and product codes are not the real ones), a few
 * communes with illustrative SIRETs whose Luhn keys are valid, and issued bordereaux.
 */
import type { Commune, Config, PayingService, Service } from '../../src/engine/dataset.js';
import type { PesBordereau, PesExportInput } from '../../src/pes/pes-input.js';
import { config, laclasse, METROPOLE } from '../fixtures/dataset.js';

/** The shared laclasse.com tariff under another id, with a PES imputation. */
function payingService(id: string, libelle: string, codeProduit: string): PayingService {
  return laclasse({ id, libelle, imputation: { chapitre: '74', nature: '74748', fonction: '213', code_produit: codeProduit } });
}

/** The shared config with a PES-ready issuer and its own services. */
export function makeConfig(): Config {
  return {
    ...config(),
    emetteur: {
      ...METROPOLE,
      siret: '20004697700019',
      signataire: { prenom: 'Camille', nom: 'Martin', qualite: 'Vice-présidente déléguée aux finances' },
      comptable: { nom: 'Paierie métropolitaine de Lyon', adresse: ['1 rue Exemple', '69003 Lyon'], iban: 'FR7630001007941234567890185', bic: 'BDFEFRPPCCT' },
      tribunal: { nom: 'Tribunal administratif de Lyon', adresse: '184 rue Duguesclin, 69433 Lyon Cedex 03' },
      pes: {
        idPost: '069099', codCol: '123', codBud: '01', libelleColBud: 'Métropole de Lyon – budget principal',
        refBdf: 'FR12ZZZ123456', centreEncaissement: ['TSA 90000', '35908 Rennes Cedex 9'],
      },
    },
    convention: { reference: 'Convention-cadre 2025-091', premierExercice: 2026, dureeMaxAnnees: 6 },
    services: new Map<string, Service>([
      ['laclasse', payingService('laclasse', 'laclasse.com, espace numérique de travail des écoles', 'LCL1')],
      ['toodego', payingService('toodego', 'Toodego, guichet numérique', 'TDG1')],
      ['geonet', { id: 'geonet', libelle: 'Geonet', gratuit: true }],
    ]),
  };
}

function commune(line: number, codeInsee: string, nom: string, siren: string, siret: string, adresse: string, codePostal: string, ville: string): Commune {
  return { codeInsee, nom, siren, siret, adresse, codePostal, ville, line };
}

/** A fictitious commune whose name is longer than 38 characters. */
export const LONG_NAME = 'Saint-Germain-des-Longues-Vallées-au-Mont-d’Or-sur-Saône';

export function makeCommunes(): Map<string, Commune> {
  const list = [
    commune(2, '69081', 'Écully', '216900811', '21690081100011', 'Place Charles-de-Gaulle', '69130', 'Écully'),
    commune(3, '69202', 'Sainte-Foy-lès-Lyon', '216902023', '21690202300011', '10 rue Deshay', '69110', 'Sainte-Foy-lès-Lyon'),
    commune(4, '69233', "Saint-Romain-au-Mont-d'Or", '216902338', '21690233800013', '1 place de la Mairie', '69270', "Saint-Romain-au-Mont-d'Or"),
    commune(5, '69063', "Collonges-au-Mont-d'Or", '216900639', '21690063900016', "Hôtel de ville, 1 place de l'Église et de la Fontaine", '69660', "Collonges-au-Mont-d'Or"),
    commune(6, '69999', LONG_NAME, '216909994', '21690999400016', '2 rue du Château', '69999', LONG_NAME),
  ];
  return new Map(list.map((c) => [c.codeInsee, c]));
}

export function titresBordereau(): PesBordereau {
  return {
    exercice: 2026,
    numero: 3,
    nature: 'titres',
    service: 'laclasse',
    dateEmission: '2026-06-15',
    pieces: [
      { numero: 12, type: 'titre', codeInsee: '69081', montant: '1393.48', objet: 'Contribution 2026 au service « laclasse.com » – convention n° 2025-091' },
      { numero: 13, type: 'titre', codeInsee: '69202', montant: '1516.90', objet: 'Contribution 2026 au service “laclasse.com” de l’espace numérique œuvre commune… 1 040,70\u202f€' },
      { numero: 14, type: 'titre', codeInsee: '69233', montant: '372.18', objet: "Contribution 2026 de Saint-Romain-au-Mont-d'Or" },
      { numero: 15, type: 'titre', codeInsee: '69999', montant: '0.01', objet: 'x'.repeat(40) + ' ' + 'Contribution '.repeat(20) },
    ],
  };
}

export function reductionsBordereau(): PesBordereau {
  return {
    exercice: 2026,
    numero: 1,
    nature: 'reductions',
    service: 'laclasse',
    dateEmission: '2026-06-20',
    pieces: [
      { numero: 17, type: 'reduction', codeInsee: '69063', montant: '120.50', objet: "Réduction du titre n° 12 : erreur de population", titreOrigine: { exercice: 2026, numero: 12 } },
      { numero: 16, type: 'annulation', codeInsee: '69202', montant: '1516.90', objet: 'Annulation du titre n° 13 (double émission)', titreOrigine: { exercice: 2026, numero: 13 } },
    ],
  };
}

export function makeInput(bordereaux: PesBordereau[] = [titresBordereau(), reductionsBordereau()]): PesExportInput {
  return { config: makeConfig(), communes: makeCommunes(), dateGeneration: '2026-06-21', bordereaux };
}
