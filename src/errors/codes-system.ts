import type { CodeEntry } from './code-entry.js';

/**
 * Problem codes of the operating system's refusals (src/errors/system-error.ts), exit code 7.
 * Key: the stable code; value: meaning and fix, in French.
 */
export const SYSTEM_CODES = {
  DISK_FULL: {
    sens: 'Le disque est plein (ou le quota de l’utilisateur est atteint) : un fichier n’a pas pu être écrit.',
    correction: 'Libérer de la place, puis relancer la même commande : une émission interrompue reprend là où elle s’est arrêtée.',
  },
  READ_ONLY_FOLDER: {
    sens: 'Le disque ou le dossier où titres doit écrire est en lecture seule.',
    correction: 'Choisir un dossier (--out, --file, --csv…) sur un disque accessible en écriture, puis relancer.',
  },
  ACCESS_DENIED: {
    sens: 'Le système refuse l’accès à un fichier ou à un dossier (droits insuffisants, fichier protégé).',
    correction: 'Donner à l’utilisateur qui lance titres les droits de lecture et d’écriture (chmod, chown), ou choisir un autre dossier, puis relancer.',
  },
  TOO_MANY_OPEN_FILES: {
    sens: 'Trop de fichiers sont ouverts (par titres ou sur la machine) : un fichier n’a pas pu être ouvert.',
    correction: 'Relever la limite (ulimit -n 4096) ou réduire TITRES_RENDER_THREADS, puis relancer la même commande.',
  },
  PATH_TOO_LONG: {
    sens: 'Un chemin est trop long pour le système de fichiers (ou tourne en boucle de liens symboliques).',
    correction: 'Choisir un dossier de sortie au chemin plus court, puis relancer.',
  },
  PATH_KIND_CONFLICT: {
    sens: 'Un dossier se trouve là où titres écrit un fichier, ou un fichier là où il faut un dossier.',
    correction: 'Déplacer ou renommer l’élément nommé, ou choisir un autre dossier, puis relancer.',
  },
  PATH_VANISHED: {
    sens: 'Un fichier ou un dossier a disparu pendant l’exécution (supprimé ou déplacé par un autre programme).',
    correction: 'Ne pas modifier les dossiers pendant qu’une commande tourne ; relancer la même commande.',
  },
  DISK_ERROR: {
    sens: 'Le disque (ou le partage réseau) a signalé une erreur matérielle d’entrée-sortie.',
    correction: 'Faire vérifier le disque ou le partage, puis relancer la même commande.',
  },
  FILE_BUSY: {
    sens: 'Un fichier est occupé par un autre programme.',
    correction: 'Fermer le programme qui l’utilise (un tableur, par exemple), puis relancer.',
  },
} as const satisfies Record<string, CodeEntry>;
