/**
 * Issue 9 item 6: before anything is written, the PES_Aller flux and each PES_Facture it carries
 * are validated against the vendored DGFiP schemas (pes-schema.ts). A violation is a problem of
 * the export (PES_SCHEMA_INVALID, with the element's XPath and libxml2's message): the command
 * stops with every violation listed and writes nothing.
 */
import { problem, type Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import type { PesAllerOutput } from './build-pes-aller.js';
import { pesSchemaViolations } from './pes-schema.js';

/** At most this many violations are listed per document (one bad value can repeat on every piece). */
const MAX_LISTED = 20;

export async function validatePesOutput(out: Pick<PesAllerOutput, 'fileName' | 'xml' | 'factures'>): Promise<void> {
  const problems: Problem[] = [];
  const check = async (name: string, xml: Buffer): Promise<void> => {
    const violations = await pesSchemaViolations(xml);
    for (const v of violations.slice(0, MAX_LISTED)) {
      problems.push(problem('PES_SCHEMA_INVALID', `${name}, ligne ${v.line}${v.xpath ? ` (${v.xpath})` : ''} : ${v.message}`));
    }
    if (violations.length > MAX_LISTED) {
      problems.push(problem('PES_SCHEMA_INVALID', `${name} : ${violations.length - MAX_LISTED} autre(s) écart(s) au schéma non listé(s)`));
    }
  };
  await check(out.fileName, out.xml);
  for (const f of out.factures) await check(`${out.fileName}, pièce jointe ${f.nomPj}`, f.xml);
  if (problems.length > 0) throw new TitresError('data', problems);
}
