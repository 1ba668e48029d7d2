import type { CodeEntry } from './code-entry.js';

/** Problem codes of the output area. Key: the stable code; value: meaning and fix, in French. */
export const OUTPUT_CODES = {
  OUT_LOCKED: {
    sens: 'Le dossier de sortie est verrouillé par une autre exécution de titres (ou par une exécution interrompue sur une autre machine).',
    correction: 'Attendre la fin de l’autre exécution ; si aucune n’est en cours, supprimer le fichier .titres/lock du dossier de sortie.',
  },
  OUT_DAMAGED: {
    sens: 'Le dossier de sortie est endommagé (journal modifié, coupé ou incomplet, document manquant ou modifié, registre modifié) : issue, cancel et export-pes refusent de s’appuyer dessus et n’écrivent rien.',
    correction: 'Restaurer le dossier de sortie depuis la sauvegarde, sans modifier ses fichiers à la main, puis relancer ; « titres verify » détaille chaque écart.',
  },
  JOURNAL_CHAIN_BROKEN: {
    sens: 'Le chaînage du journal est rompu : une ligne a été modifiée, insérée, copiée, déplacée ou supprimée. Le message donne la première ligne touchée et ce qui diffère.',
    correction: 'Restaurer journal.csv depuis la sauvegarde ; ne jamais le modifier à la main.',
  },
  JOURNAL_CUT: {
    sens: 'La dernière ligne du journal est coupée alors qu’aucune exécution n’a été interrompue (pas de fichier .titres/run-*) : le journal a été tronqué.',
    correction: 'Restaurer journal.csv depuis la sauvegarde.',
  },
  JOURNAL_MISSING: {
    sens: 'Le dossier de sortie contient des documents, des registres ou des bordereaux mais pas de journal : ce n’est pas un dossier neuf.',
    correction: 'Restaurer journal.csv depuis la sauvegarde, ou émettre dans un dossier de sortie vide.',
  },
  JOURNAL_UNCHAINED: {
    sens: 'Le journal a été écrit par une version antérieure, sans chaînage : il sera vérifié puis scellé tel qu’il est par la prochaine commande qui écrit dans le dossier.',
    correction: 'Rien à faire si « titres verify » ne signale rien d’autre ; garder une sauvegarde du dossier avant la reprise.',
  },
  LEGACY_NOT_ADOPTED: {
    sens: 'Un dossier de sortie écrit par une version antérieure n’a pas été repris : « titres verify » y trouve des écarts, et le sceller les rendrait indétectables.',
    correction: 'Restaurer le dossier depuis la sauvegarde (ou terminer l’exécution interrompue avec la version antérieure), puis relancer.',
  },
  REGISTER_MALFORMED: {
    sens: 'Un registre du dossier de sortie (bordereaux.csv, exports-pes.csv, rapports.csv) est illisible ou incomplet.',
    correction: 'Restaurer le registre depuis la sauvegarde ; ne jamais le modifier à la main.',
  },
  REGISTER_CHAIN_BROKEN: {
    sens: 'Le chaînage d’un registre (bordereaux.csv, exports-pes.csv, rapports.csv) est rompu : une ligne a été modifiée, insérée, déplacée ou supprimée.',
    correction: 'Restaurer le registre depuis la sauvegarde.',
  },
  REGISTER_ANCHOR_MISMATCH: {
    sens: 'Une ligne du registre des bordereaux est ancrée sur une ligne du journal qui a disparu ou changé (journal tronqué ou réécrit).',
    correction: 'Restaurer journal.csv et bordereaux.csv depuis la même sauvegarde.',
  },
  FILE_SIZE_MISMATCH: {
    sens: 'Un PDF émis (titre ou bordereau) n’a plus la taille enregistrée au journal ou au registre : il a été modifié ou remplacé.',
    correction: 'Restaurer le PDF d’origine depuis la sauvegarde.',
  },
  PES_UNREGISTERED: {
    sens: 'Un fichier PES du dossier de sortie est absent du registre des exports (exports-pes.csv).',
    correction: 'Le déplacer hors du dossier de sortie, ou relancer « titres export-pes » qui l’écrit et l’enregistre.',
  },
  REPORT_UNREGISTERED: {
    sens: 'Un rapport du comité de pilotage (dossier rapports/) est absent du registre des rapports (rapports.csv).',
    correction: 'Le déplacer hors du dossier de sortie, ou relancer « titres rapport » qui l’écrit et l’enregistre.',
  },
  PLAN_INVALID: {
    sens: 'Le plan à émettre est incohérent avec les données (commune ou service inconnu, montant non positif, annulation partielle…).',
    correction: 'Corriger les données indiquées puis relancer ; signaler l’anomalie si les données sont correctes.',
  },
  ALREADY_ISSUED: {
    sens: 'Un titre est déjà émis pour cette commune, ce service et cet exercice (R9) : il ne peut pas être émis deux fois.',
    correction: 'Pour corriger un titre, émettre une réduction ou une annulation (R10), puis relancer l’émission.',
  },
  ORIGIN_UNKNOWN: {
    sens: 'Une réduction ou une annulation cite un titre d’origine absent du journal pour cette commune et ce service.',
    correction: 'Vérifier la référence exercice-numéro du titre d’origine.',
  },
  NET_NEGATIVE: {
    sens: 'Les réductions d’un titre dépassent son montant : son net deviendrait négatif (R10).',
    correction: 'Réduire au plus le montant net restant du titre, ou l’annuler.',
  },
  JOURNAL_MALFORMED: {
    sens: 'Le journal journal.csv est illisible ou une de ses lignes est mal formée.',
    correction: 'Restaurer journal.csv depuis la sauvegarde ; ne jamais le modifier à la main.',
  },
  JOURNAL_TORN_LINE: {
    sens: 'La dernière ligne du journal est incomplète (exécution interrompue pendant l’écriture) ; elle est ignorée.',
    correction: 'Relancer « titres issue » : la ligne est supprimée et le document émis de nouveau sous le même numéro.',
  },
  RUN_FILE_MALFORMED: {
    sens: 'Le fichier d’exécution .titres/run-<exercice>.jsonl d’une exécution interrompue est illisible.',
    correction: 'Restaurer le dossier de sortie depuis la sauvegarde, ou le signaler.',
  },
  RUN_UNFINISHED: {
    sens: 'Une émission a été interrompue : bordereaux et registres peuvent être incomplets.',
    correction: 'Relancer « titres issue » avec les mêmes paramètres : l’émission reprend là où elle s’est arrêtée.',
  },
  FILE_MISSING: {
    sens: 'Un fichier attendu d’après le journal (PDF, bordereau, registre) est absent.',
    correction: 'Restaurer le fichier depuis la sauvegarde.',
  },
  HASH_MISMATCH: {
    sens: 'Un PDF émis a été modifié : son empreinte sha256 diffère de celle du journal.',
    correction: 'Restaurer le PDF d’origine depuis la sauvegarde ; un titre émis ne se modifie pas, il se corrige par réduction ou annulation.',
  },
  EMBEDDED_DATA_MISMATCH: {
    sens: 'Les données structurées jointes à un PDF (liquidation.json ou bordereau.json) manquent ou ne concordent pas avec le journal (numéro, montant, commune, pièces…).',
    correction: 'Restaurer le PDF d’origine depuis la sauvegarde ; si le journal a été modifié à la main, le restaurer lui aussi.',
  },
  EXTRA_FILE: {
    sens: 'Un fichier du dossier de sortie n’est pas connu du journal (PDF non émis, fichier temporaire, ajout manuel).',
    correction: 'Le déplacer hors du dossier de sortie ; relancer « titres issue » supprime les restes d’une exécution interrompue.',
  },
  NUMBER_GAP: {
    sens: 'La série des numéros de titres de l’exercice a un trou (R9).',
    correction: 'Restaurer le journal complet depuis la sauvegarde.',
  },
  NUMBER_DUPLICATE: {
    sens: 'Un numéro de titre est utilisé deux fois dans le même exercice (R9).',
    correction: 'Restaurer le journal depuis la sauvegarde ; signaler l’anomalie.',
  },
  BORDEREAU_GAP: {
    sens: 'La série des numéros de bordereaux d’un type (titres ou réductions) de l’exercice a un trou.',
    correction: 'Restaurer le journal complet depuis la sauvegarde.',
  },
  BORDEREAU_DUPLICATE: {
    sens: 'Un numéro de bordereau d’un type est utilisé pour deux services ou deux émissions différentes.',
    correction: 'Restaurer le journal depuis la sauvegarde ; signaler l’anomalie.',
  },
  LEDGER_MISMATCH: {
    sens: 'Un registre par commune et service ne concorde pas avec le journal (ligne absente, en trop ou montant différent).',
    correction: 'Restaurer le registre depuis la sauvegarde ; ne pas modifier les registres à la main.',
  },
  BORDEREAU_MISMATCH: {
    sens: 'Le CSV d’un bordereau, ou sa ligne du registre des bordereaux (bordereaux.csv), ne concorde pas avec le journal (ligne, nombre de pièces ou total différent).',
    correction: 'Restaurer le bordereau depuis la sauvegarde.',
  },
  REPORT_NOTHING_ISSUED: {
    sens: 'Le bilan annuel (titres rapport) est demandé pour un exercice dont aucun titre n’est au journal.',
    correction: 'Émettre d’abord les titres de l’exercice (titres issue), ou demander le bilan d’un exercice émis.',
  },
  WORKBOOK_MISMATCH: {
    sens: 'Un classeur Excel (.xlsx) du dossier de sortie (journal, registre ou bordereau) ne correspond plus au fichier dont il est tiré : il a été modifié, ou sa source l’a été.',
    correction: 'Ne pas modifier les classeurs du dossier de sortie (les copier pour travailler) ; le supprimer et relancer la commande avec --excel le régénère.',
  },
  BORDEREAU_UNREGISTERED: {
    sens: 'Un bordereau du journal manque au registre des bordereaux (bordereaux.csv), qui garde l’empreinte de son PDF signé.',
    correction: 'Restaurer bordereaux.csv depuis la sauvegarde ; ne pas le modifier à la main.',
  },
  CSV_MALFORMED: {
    sens: 'Un CSV produit par titres (registre, bordereau) est illisible.',
    correction: 'Restaurer le fichier depuis la sauvegarde.',
  },
} as const satisfies Record<string, CodeEntry>;
