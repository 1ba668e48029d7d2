/** A small valid dataset (contract format), as file contents keyed by dataset-relative path. */
import { EMETTEUR } from '../../fixtures/dataset.js';

/** The header line of each CSV file of the contract. */
export const HEADERS = {
  communes: 'code_insee,nom,siren,adresse,code_postal,ville',
  populations: 'code_insee,population_municipale,population_totale',
  adhesions: 'code_insee,service,date_signature,date_debut,montant_anterieur,date_fin,motif_fin,date_preavis,options',
};

/** A CSV file: the header, then one line per row, each ended by a newline. */
export function csvFile(header: string, rows: string[]): string {
  return [header, ...rows].join('\n') + '\n';
}

/** Syntec at the reference month (2025-01) and the month known on 1 January 2026 (2025-10). */
export const SYNTEC_CSV = csvFile('mois,valeur,publie_le', ['2025-01,315.2,2025-02-28', '2025-10,322.2,2025-11-28']);

export const CONFIG = {
  emetteur: EMETTEUR,
  convention: { reference: 'Convention-cadre', premier_exercice: 2026, duree_max_annees: 6 },
  services: {
    laclasse: {
      libelle: 'laclasse.com',
      forfait: '300.00',
      par_habitant: '0.06',
      indice: { serie: 'syntec', reference: '2025-01' },
    },
    toodego: {
      libelle: 'Toodego',
      forfait: '500.00',
      par_habitant: '0.02',
      indice: { serie: 'syntec', reference: '2025-01' },
      options: { connecteurs: { libelle: 'Maintenance des connecteurs', prix_unitaire: '250.00' } },
    },
    geonet: { libelle: 'Geonet', gratuit: true },
  },
};

export const MINIMAL: Record<string, string> = {
  'config.json': JSON.stringify(CONFIG, null, 2),
  'communes.csv': csvFile(HEADERS.communes, [
    '69081,Écully,216900811,Hôtel de ville,69130,Écully',
    '69123,Lyon,216901231,"1, place de la Comédie",69001,Lyon',
    '69003,Albigny-sur-Saône,216900035,Hôtel de ville,69250,Albigny-sur-Saône',
  ]),
  'populations/2026.csv': csvFile(HEADERS.populations, ['69081,17944,18243', '69123,519127,525314', '69003,3057,3103']),
  'adhesions.csv': csvFile(HEADERS.adhesions, [
    '69081,laclasse,2025-12-18,,1100.00,,,,',
    '69003,laclasse,2026-09-15,,,,,,',
    '69123,toodego,2025-12-15,2026-01-01,,,,,connecteurs=2',
    '69081,geonet,2025-12-18,,,,,,',
  ]),
  'indices/syntec.csv': SYNTEC_CSV,
};
