import type { Config } from '../../engine/dataset.js';
import type { Problem } from '../../errors/problem.js';
import { FileProblems } from '../csv/file-problems.js';
import type { JsonNode } from '../json/json-node.js';
import { JsonSyntaxError, parseLocatedJson } from '../json/parse-located.js';
import { readIssuer } from './issuer.js';
import { JsonFields, type Scope } from './json-fields.js';
import { DEFAULT_LIMITS, readLimits, type Limits } from './limits.js';
import { readServices, type IndexReference, type ServicesRead } from './services.js';

/**
 * config.json (data contract): issuer, convention, numbering, payment delay, recovery threshold
 * and services. `file` is the path as the user types it. `config` is undefined when any problem
 * prevents building it; `references` lists each paying service's S(ref) month (R4) with its position.
 */
export interface ConfigRead {
  config?: Config;
  /** What could be read of the services even when config is undefined (to check adhesions anyway). */
  services?: ServicesRead;
  references: IndexReference[];
  /** Plausibility bounds for the other files (the defaults when config.json is unreadable). */
  limits: Limits;
  problems: Problem[];
}

export function parseConfig(text: string, file: string): ConfigRead {
  const sink = new FileProblems(file);
  let root: JsonNode;
  try {
    root = parseLocatedJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    sink.add('CONFIG_INVALID_JSON', `JSON invalide : ${e.reason}`, e);
    return { references: [], limits: DEFAULT_LIMITS, problems: sink.problems };
  }
  if (root.kind !== 'object') {
    sink.add('CONFIG_WRONG_TYPE', 'le fichier doit contenir un objet JSON { … }', root);
    return { references: [], limits: DEFAULT_LIMITS, problems: sink.problems };
  }
  reportDuplicateKeys(root, '', sink);
  const f = new JsonFields(sink);
  const scope: Scope = { node: root, path: '' };
  const limits = readLimits(f, scope);
  const emetteur = readIssuer(f, scope);
  const convention = readConvention(f, scope);
  const n = f.object(scope, 'numerotation', false);
  const premierNumero = n ? f.integer(n, 'premier_numero', 1, 1) : 1;
  const premierBordereau = n ? f.integer(n, 'premier_bordereau', 1, 1) : 1;
  const delaiPaiementJours = f.integer(scope, 'delai_paiement_jours', 0, 30);
  const seuilRecouvrement = f.amount(scope, 'seuil_recouvrement', false, '15.00', limits.montantMax);
  const read = readServices(f, scope, limits);
  const { services, references } = read;
  if (
    !emetteur || !convention || !read.complete || premierNumero === undefined || premierBordereau === undefined ||
    delaiPaiementJours === undefined || seuilRecouvrement === undefined || sink.problems.length > 0
  ) {
    return { services: read, references, limits, problems: sink.problems };
  }
  return {
    services: read,
    config: {
      emetteur,
      convention,
      numerotation: { premierNumero, premierBordereau },
      delaiPaiementJours,
      seuilRecouvrement,
      services,
    },
    references,
    limits,
    problems: sink.problems,
  };
}

function readConvention(f: JsonFields, root: Scope): Config['convention'] | undefined {
  const c = f.object(root, 'convention', true);
  if (!c) return undefined;
  const reference = f.string(c, 'reference', true);
  const premierExercice = f.integer(c, 'premier_exercice', 2000);
  const dureeMaxAnnees = f.integer(c, 'duree_max_annees', 1);
  const deliberation = f.string(c, 'deliberation', false);
  if (reference === undefined || premierExercice === undefined || dureeMaxAnnees === undefined) return undefined;
  return { reference, premierExercice, dureeMaxAnnees, ...(deliberation !== undefined ? { deliberation } : {}) };
}

function reportDuplicateKeys(node: JsonNode, path: string, sink: FileProblems): void {
  if (node.kind === 'array') node.items.forEach((item, i) => reportDuplicateKeys(item, `${path}[${i}]`, sink));
  if (node.kind !== 'object') return;
  const seen = new Set<string>();
  for (const entry of node.entries) {
    const full = path ? `${path}.${entry.key}` : entry.key;
    if (seen.has(entry.key)) sink.add('CONFIG_DUPLICATE_KEY', `clé « ${full} » écrite deux fois dans le même objet`, entry.keyAt);
    seen.add(entry.key);
    reportDuplicateKeys(entry.value, full, sink);
  }
}
