/**
 * A misspelt problem code does not compile (issue 15 item 3): ProblemCode is the union of the
 * catalogue's keys. Two guards: the @ts-expect-error lines below make `npm test`'s type check
 * (tsc -p tsconfig.json) fail if a misspelt code ever compiles again, and the test compiles a
 * snippet with the TypeScript compiler itself, so that vitest alone shows it too.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { problem } from '../../src/errors/problem.js';
import { TitresError, usageError } from '../../src/errors/titres-error.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The compiler's errors on `body` (line: start of the message), written as a module of src/ (so it imports like one). */
function compileErrors(body: string): string[] {
  const file = path.join(REPO, 'src', '__misspelt-code__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? body : readFile(name));
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName !== undefined && path.resolve(d.file.fileName) === file)
    .map((d) => `${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 90)}`);
}

describe('ProblemCode', () => {
  it('rejects a misspelt code wherever a problem is built, and accepts the catalogued spelling', () => {
    const snippet = (code: string) =>
      [
        "import { problem } from './errors/problem.js';",
        "import { TitresError, usageError } from './errors/titres-error.js';",
        `problem('${code}', 'message');`,
        `usageError('${code}', 'message');`,
        `new TitresError('data', [{ code: '${code}', severity: 'error', message: 'm' }]);`,
      ].join('\n');
    expect(compileErrors(snippet('UNKNOWN_SERVICE'))).toEqual([]);
    const errors = compileErrors(snippet('UNKNOWN_SERVISE'));
    expect(errors.map((e) => e.split(':')[0])).toEqual(['3', '4', '5']);
    for (const e of errors) expect(e).toMatch(/"UNKNOWN_SERVISE"' is not assignable to (parameter of )?type/);
  });

  it('is checked by the type check of the tests too', () => {
    // @ts-expect-error: UNKNOWN_SERVISE is not a catalogued code (tsc fails here if it ever compiles)
    const misspelt = problem('UNKNOWN_SERVISE', 'message');
    // @ts-expect-error: likewise for a usage error
    const usage = usageError('INVALID_YEARS', 'message');
    // @ts-expect-error: likewise for a problem written as an object
    const error = new TitresError('data', [{ code: 'HASH_MISMATCHED', severity: 'error', message: 'm' }]);
    // at run time the code is whatever was written: only the compiler stands between it and the user
    expect([misspelt.code, usage.problems[0].code, error.problems[0].code]).toEqual(['UNKNOWN_SERVISE', 'INVALID_YEARS', 'HASH_MISMATCHED']);
  });
});
