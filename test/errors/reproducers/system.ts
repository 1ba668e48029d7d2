/**
 * Reproducers of the operating system's refusals (src/errors/codes-system.ts): the errno a system
 * call fails with, as the CLI reports it (test/cli/os-failures.test.ts runs them through commands,
 * injected into node:fs/promises). The position is the path the system names.
 */
import type { SYSTEM_CODES } from '../../../src/errors/codes-system.js';
import { systemProblem } from '../../../src/errors/system-error.js';
import { problemsOf, reproducer, type Reproducers } from './harness.js';

const FILE = '/srv/titres/sorties/journal.csv';

/** The problem of a system call failing with `errno` on FILE. */
function failing(errno: string) {
  return reproducer(FILE, () =>
    problemsOf(() => {
      const error = Object.assign(new Error(`${errno}: open '${FILE}'`), { code: errno, syscall: 'open', errno: -1, path: FILE });
      const p = systemProblem(error);
      return p ? [p] : [];
    }),
  );
}

export const SYSTEM_REPRODUCERS = {
  DISK_FULL: failing('ENOSPC'),
  READ_ONLY_FOLDER: failing('EROFS'),
  ACCESS_DENIED: failing('EACCES'),
  TOO_MANY_OPEN_FILES: failing('EMFILE'),
  PATH_TOO_LONG: failing('ENAMETOOLONG'),
  PATH_KIND_CONFLICT: failing('EISDIR'),
  PATH_VANISHED: failing('ENOENT'),
  DISK_ERROR: failing('EIO'),
  FILE_BUSY: failing('EBUSY'),
} satisfies Reproducers<typeof SYSTEM_CODES>;
