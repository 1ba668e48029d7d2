/**
 * The operating system's refusals (disk full, read-only folder, permissions, too many open files,
 * name too long…) as one French problem naming the path and the likely fix, instead of a stack
 * trace: they are the world's failures, not the tool's defects (exit 1 stays for those). The CLI
 * maps them to their own exit code (src/cli/exit-codes.ts).
 */
import type { ProblemCode } from './catalog.js';
import { problem, type Problem } from './problem.js';

interface SystemFailure {
  /** Catalogued problem code (src/errors/codes-system.ts). */
  code: ProblemCode;
  /** What happened, in French (the path is the problem's position). */
  what: string;
  /** The likely fix, in French. */
  fix: string;
}

const RESUME = 'rien n’est perdu : une émission interrompue reprend là où elle s’est arrêtée en relançant la même commande';

/** errno code → failure; the kin of each code share its entry. */
const FAILURES: Readonly<Record<string, SystemFailure>> = {
  ENOSPC: {
    code: 'DISK_FULL',
    what: 'disque plein : écriture impossible',
    fix: `libérer de la place sur ce disque (ou choisir un dossier de sortie sur un autre disque), puis relancer ; ${RESUME}`,
  },
  EDQUOT: {
    code: 'DISK_FULL',
    what: 'quota disque dépassé : écriture impossible',
    fix: `libérer de la place ou faire relever le quota de l’utilisateur, puis relancer ; ${RESUME}`,
  },
  EFBIG: {
    code: 'DISK_FULL',
    what: 'fichier trop grand pour le système de fichiers',
    fix: `choisir un dossier de sortie sur un autre disque, puis relancer ; ${RESUME}`,
  },
  EROFS: {
    code: 'READ_ONLY_FOLDER',
    what: 'disque ou dossier en lecture seule : écriture impossible',
    fix: 'choisir un dossier (--out, --file, --csv…) sur un disque accessible en écriture, ou faire remonter ce disque en écriture, puis relancer',
  },
  EACCES: {
    code: 'ACCESS_DENIED',
    what: 'accès refusé (droits insuffisants)',
    fix: 'donner à l’utilisateur qui lance titres le droit de lire et d’écrire ce dossier (chmod, chown), ou choisir un autre dossier, puis relancer',
  },
  EPERM: {
    code: 'ACCESS_DENIED',
    what: 'opération non permise',
    fix: 'vérifier les droits et les attributs de ce fichier ou dossier (fichier protégé, dossier d’un autre utilisateur), ou choisir un autre dossier, puis relancer',
  },
  EMFILE: {
    code: 'TOO_MANY_OPEN_FILES',
    what: 'trop de fichiers ouverts par titres',
    fix: `relever la limite de fichiers ouverts (ulimit -n 4096) ou réduire TITRES_RENDER_THREADS, puis relancer ; ${RESUME}`,
  },
  ENFILE: {
    code: 'TOO_MANY_OPEN_FILES',
    what: 'trop de fichiers ouverts sur la machine',
    fix: `attendre la fin d’autres traitements ou faire relever la limite du système, puis relancer ; ${RESUME}`,
  },
  ENAMETOOLONG: {
    code: 'PATH_TOO_LONG',
    what: 'chemin ou nom de fichier trop long pour le système de fichiers',
    fix: 'choisir un dossier de sortie au chemin plus court (par exemple /srv/titres/sorties), puis relancer',
  },
  ELOOP: {
    code: 'PATH_TOO_LONG',
    what: 'trop de liens symboliques (en boucle ?) dans ce chemin',
    fix: 'corriger les liens symboliques de ce chemin, ou choisir un autre dossier, puis relancer',
  },
  EISDIR: {
    code: 'PATH_KIND_CONFLICT',
    what: 'c’est un dossier, là où titres attend un fichier',
    fix: 'déplacer ou renommer ce dossier (ou donner le chemin d’un fichier), puis relancer',
  },
  ENOTDIR: {
    code: 'PATH_KIND_CONFLICT',
    what: 'un élément de ce chemin est un fichier, là où titres attend un dossier',
    fix: 'déplacer ou renommer ce fichier, ou choisir un autre dossier, puis relancer',
  },
  EEXIST: {
    code: 'PATH_KIND_CONFLICT',
    what: 'existe déjà et n’est pas du type attendu (un fichier à la place d’un dossier ?)',
    fix: 'déplacer ou renommer ce fichier, ou choisir un autre dossier, puis relancer',
  },
  ENOENT: {
    code: 'PATH_VANISHED',
    what: 'introuvable : supprimé ou déplacé pendant l’exécution par un autre programme ?',
    fix: `ne pas modifier les dossiers pendant qu’une commande tourne, puis relancer ; ${RESUME}`,
  },
  EIO: {
    code: 'DISK_ERROR',
    what: 'erreur matérielle d’entrée-sortie',
    fix: `faire vérifier le disque (ou le partage réseau), puis relancer ; ${RESUME}`,
  },
  EBUSY: {
    code: 'FILE_BUSY',
    what: 'fichier occupé par un autre programme',
    fix: 'fermer le programme qui l’utilise (un tableur qui a ouvert le fichier, par exemple), puis relancer',
  },
  ETXTBSY: {
    code: 'FILE_BUSY',
    what: 'fichier occupé par un autre programme',
    fix: 'fermer le programme qui l’utilise, puis relancer',
  },
  ESTALE: {
    code: 'DISK_ERROR',
    what: 'partage réseau devenu inaccessible',
    fix: `rétablir le partage réseau, puis relancer ; ${RESUME}`,
  },
};

/** The errno codes translated here (the others are defects: exit 1 with their trace). */
export const SYSTEM_ERRNO_CODES: readonly string[] = Object.keys(FAILURES);

interface ErrnoLike {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  syscall?: unknown;
}

/**
 * The problem for an operating-system error (a Node.js errno error: `code`, `syscall`, usually
 * `path`), or undefined when the error is not one of them.
 */
export function systemProblem(error: unknown): Problem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as ErrnoLike;
  if (typeof e.code !== 'string' || !Object.hasOwn(FAILURES, e.code)) return undefined;
  if (typeof e.syscall !== 'string' && typeof e.path !== 'string') return undefined; // not from the OS
  const failure = FAILURES[e.code];
  const file = typeof e.path === 'string' ? e.path : undefined;
  const where = file === undefined ? ` (opération ${typeof e.syscall === 'string' ? e.syscall : 'inconnue'}, chemin non précisé par le système)` : '';
  const dest = typeof e.dest === 'string' ? ` (vers « ${e.dest} »)` : '';
  return problem(failure.code, `${failure.what}${where}${dest} [${e.code}] ; ${failure.fix}.`, file !== undefined ? { file } : undefined);
}
