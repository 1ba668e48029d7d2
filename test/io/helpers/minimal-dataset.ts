/** A small valid dataset (contract format), as file contents keyed by dataset-relative path. */
export const CONFIG = {
  emetteur: {
    nom: 'Métropole de Lyon',
    siren: '200046977',
    adresse: ['20, rue du Lac', 'CS 33569', '69505 Lyon Cedex 03'],
    signataire: { prenom: 'Camille', nom: 'Durand', qualite: 'Vice-présidente déléguée au numérique' },
    comptable: { nom: 'Paierie métropolitaine de Lyon', adresse: ['69003 Lyon'], iban: 'FR7630001006910000690000135', bic: 'BDFEFRPPCCT' },
    tribunal: { nom: 'Tribunal administratif de Lyon', adresse: '184, rue Duguesclin, 69433 Lyon Cedex 03' },
  },
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
  'communes.csv': [
    'code_insee,nom,siren,adresse,code_postal,ville',
    '69081,Écully,216900811,Hôtel de ville,69130,Écully',
    '69123,Lyon,216901231,"1, place de la Comédie",69001,Lyon',
    '69003,Albigny-sur-Saône,216900035,Hôtel de ville,69250,Albigny-sur-Saône',
  ].join('\n') + '\n',
  'populations/2026.csv': [
    'code_insee,population_municipale,population_totale',
    '69081,17944,18243',
    '69123,519127,525314',
    '69003,3057,3103',
  ].join('\n') + '\n',
  'adhesions.csv': [
    'code_insee,service,date_signature,date_debut,montant_anterieur,date_fin,motif_fin,date_preavis,options',
    '69081,laclasse,2025-12-18,,1100.00,,,,',
    '69003,laclasse,2026-09-15,,,,,,',
    '69123,toodego,2025-12-15,2026-01-01,,,,,connecteurs=2',
    '69081,geonet,2025-12-18,,,,,,',
  ].join('\n') + '\n',
  'indices/syntec.csv': ['mois,valeur,publie_le', '2025-01,315.2,2025-02-28', '2025-10,322.2,2025-11-28'].join('\n') + '\n',
};
