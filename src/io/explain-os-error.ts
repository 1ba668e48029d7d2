/**
 * Node's recursive mkdir reports ENOENT where the system said EROFS or EACCES (a read-only or
 * forbidden parent folder): the user would read « introuvable » for a folder that exists. Before
 * the error is reported, the nearest existing ancestor is probed, read-only (access W_OK, no
 * write), and the error gets the code the system gives for it.
 */
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';

export async function explainOsError(error: unknown): Promise<unknown> {
  const e = error as NodeJS.ErrnoException | undefined;
  if (!e || e.code !== 'ENOENT' || e.syscall !== 'mkdir' || typeof e.path !== 'string') return error;
  let ancestor = path.dirname(path.resolve(e.path));
  for (;;) {
    try {
      if (!(await stat(ancestor)).isDirectory()) return Object.assign(e, { code: 'ENOTDIR', path: ancestor });
      break;
    } catch {
      const parent = path.dirname(ancestor);
      if (parent === ancestor) return error;
      ancestor = parent;
    }
  }
  try {
    await access(ancestor, constants.W_OK);
  } catch (probe) {
    const code = (probe as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return Object.assign(e, { code, path: ancestor });
  }
  return error;
}
