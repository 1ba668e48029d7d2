/**
 * Issue 9 item 6: the PES_Aller flux and each PES_Facture it carries are validated against the
 * vendored DGFiP schemas (pes-schema.ts) before the file is in place. A violation is a problem of
 * the export (PES_SCHEMA_INVALID, with the line, the element's XPath and libxml2's message): the
 * command stops with every violation listed and leaves nothing written.
 *
 * Issue 12: libxml2-wasm (wasm32) holds a parsed document whole, under 4 GB, and a national flux
 * with its PDFs is tens of GB: the flux is validated one part at a time (build-pes-aller.ts says
 * why that accepts exactly what validating it whole would), each violation placed in the flux by
 * the part (its line, the XPath with the flux's indices, the piece or PJ it belongs to). A
 * violation of the parts' shared lines (Enveloppe, EnTetePES, a bordereau's head) is listed once.
 */
import { problem, type Problem } from '../errors/problem.js';
import { TitresError } from '../errors/titres-error.js';
import type { PartCheck } from './build-pes-aller.js';
import { encodeLatin1 } from './latin1.js';
import { pesSchemaViolations, type SchemaViolation } from './pes-schema.js';

/** At most this many violations are listed per document (one bad value can repeat on every piece). */
const MAX_LISTED = 20;

function position(line: number | undefined, xpath: string | undefined): string {
  return `${line !== undefined ? `, ligne ${line}` : ''}${xpath ? ` (${xpath})` : ''}`;
}

/** The violations of one document as problems, the first MAX_LISTED of them, then how many more. */
class DocumentProblems {
  private readonly seen = new Set<string>();
  readonly listed: Problem[] = [];

  constructor(private readonly name: string) {}

  add(text: string): void {
    if (this.seen.has(text)) return;
    this.seen.add(text);
    if (this.listed.length < MAX_LISTED) this.listed.push(problem('PES_SCHEMA_INVALID', `${this.name}${text}`));
  }

  all(): Problem[] {
    const more = this.seen.size - this.listed.length;
    if (more <= 0) return this.listed;
    return [...this.listed, problem('PES_SCHEMA_INVALID', `${this.name} : ${more} autre(s) écart(s) au schéma non listé(s)`)];
  }
}

/** The problems of a whole document (a PES_Facture): [] when it is valid. */
export async function documentProblems(name: string, xml: Uint8Array): Promise<Problem[]> {
  const found = new DocumentProblems(name);
  for (const v of await pesSchemaViolations(xml)) found.add(`${position(v.line, v.xpath)} : ${v.message}`);
  return found.all();
}

/**
 * The validation of a flux part by part, as it is written: `check` each part holding pieces or
 * PJs, then `throwIfInvalid` once the last part is checked.
 */
export class PesFluxValidation {
  private readonly flux: DocumentProblems;
  private readonly factures: Problem[] = [];
  private readonly other: Problem[] = [];

  constructor(private readonly fileName: string) {
    this.flux = new DocumentProblems(fileName);
  }

  /** Validates the part whose text is `text` (its bytes, as written), and the PES_Factures it carries. */
  async check(check: PartCheck, text: Uint8Array): Promise<void> {
    this.other.push(...check.problems);
    const document = Buffer.concat([encodeLatin1(check.before), text, encodeLatin1(check.after)]);
    for (const v of await pesSchemaViolations(document)) this.flux.add(this.placed(check, v));
    for (const f of check.factures) this.factures.push(...(await documentProblems(`${this.fileName}, pièce jointe ${f.nomPj}`, f.xml)));
  }

  private placed(check: PartCheck, v: SchemaViolation): string {
    const { line, item } = check.locate(v.line);
    return `${item !== undefined ? `, ${item}` : ''}${position(line, v.xpath && check.xpath(v.xpath))} : ${v.message}`;
  }

  get valid(): boolean {
    return this.other.length === 0 && this.flux.listed.length === 0 && this.factures.length === 0;
  }

  /** Every problem found, the flux's first (TitresError of kind 'data'); nothing when all is valid. */
  throwIfInvalid(): void {
    if (!this.valid) throw new TitresError('data', [...this.other, ...this.flux.all(), ...this.factures]);
  }
}
