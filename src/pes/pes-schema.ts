/**
 * In-process validation of PES files against the DGFiP PES V2 v5.30 schemas vendored in
 * `schemas/schemas_pes_v5.30` (see schemas/SOURCE.md), with libxml2 compiled to WebAssembly
 * (npm `libxml2-wasm`): no system binary, the same libxml2 as `xmllint`.
 *
 * The schema set is 55 files tied by relative `xs:include`/`xs:import`. libxml2 resolves each
 * `schemaLocation` against the URL of the schema that names it (the `url` given when parsing
 * PES_Aller.xsd, then each included file's own), and asks the registered input providers for the
 * resulting absolute path. The only provider registered here serves the vendored .xsd files from
 * memory, keyed by their absolute path: nothing else (no other file, no network) can be read while
 * validating, whatever a document names.
 *
 * The compiled schema is cached for the process; libxml2-wasm is loaded on first use only, so
 * commands other than export-pes do not pay for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { XsdValidator } from 'libxml2-wasm';

export const PES_SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/schemas_pes_v5.30', import.meta.url));
const ENTRY = path.join(PES_SCHEMAS_DIR, 'PES_V2', 'Rev0', 'PES_Aller.xsd');

/** One reason why a document is not valid: libxml2's message, its line and the element's XPath. */
export interface SchemaViolation {
  line: number;
  xpath?: string;
  message: string;
}

type Libxml = typeof import('libxml2-wasm');

let loaded: Promise<{ lib: Libxml; validator: XsdValidator }> | undefined;

function schemaFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.xsd')) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[file] = readFileSync(file);
  }
  return files;
}

async function load(): Promise<{ lib: Libxml; validator: XsdValidator }> {
  const lib = await import('libxml2-wasm');
  lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(schemaFiles(PES_SCHEMAS_DIR)));
  const schema = lib.XmlDocument.fromBuffer(readFileSync(ENTRY), { url: ENTRY });
  try {
    return { lib, validator: lib.XsdValidator.fromDoc(schema) };
  } finally {
    schema.dispose();
  }
}

/** The violations of `xml` (a whole PES_Aller file, any encoding its declaration names); [] when valid. */
export async function pesSchemaViolations(xml: Uint8Array): Promise<SchemaViolation[]> {
  loaded ??= load();
  const { lib, validator } = await loaded;
  let doc;
  try {
    doc = lib.XmlDocument.fromBuffer(xml);
  } catch (error) {
    if (error instanceof lib.XmlParseError) return details(error.details);
    throw error;
  }
  try {
    validator.validate(doc);
    return [];
  } catch (error) {
    if (error instanceof lib.XmlValidateError) return details(error.details);
    throw error;
  } finally {
    doc.dispose();
  }
}

function details(list: readonly { message: string; line: number; xpath?: string | null }[]): SchemaViolation[] {
  return list.map((d) => ({
    line: d.line,
    ...(d.xpath ? { xpath: d.xpath } : {}),
    message: d.message.trim(),
  }));
}
