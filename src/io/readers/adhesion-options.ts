import type { Service } from '../../engine/dataset.js';
import type { FileProblems } from '../csv/file-problems.js';
import type { Cell } from '../csv/table.js';

/**
 * The options of the adhesions that have none (most of them), one map for all: an empty Map costs
 * ~190 bytes of heap, 13 MB for the 70 000 adhesions of a national dataset (issue 12, flat memory).
 */
const NO_OPTIONS: ReadonlyMap<string, number> = new Map();

/**
 * The `options` cell of adhesions.csv: `name=quantity|name=quantity` (R2), each name defined by
 * the service's config and each quantity a positive whole number.
 */
export function parseAdhesionOptions(cell: Cell, service: Service | undefined, sink: FileProblems): ReadonlyMap<string, number> {
  if (cell.value === undefined) return NO_OPTIONS;
  if (service?.gratuit) {
    sink.add('FREE_SERVICE_OPTIONS', `options « ${cell.value} » sur le service gratuit « ${service.id} » (R2)`, cell);
    return NO_OPTIONS;
  }
  const options = new Map<string, number>();
  for (const pair of cell.value.split('|')) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(pair);
    if (!m) {
      sink.add('INVALID_OPTIONS', `option mal écrite « ${pair.trim()} » : écrire nom=quantité, séparées par « | » (par exemple connecteurs=2)`, cell);
      continue;
    }
    const [, name, quantity] = m;
    if (service && !service.gratuit && !service.options.has(name)) {
      const known = [...service.options.keys()];
      sink.add(
        'UNKNOWN_OPTION',
        `option « ${name} » inconnue pour le service « ${service.id} » (${known.length ? `options définies : ${known.join(', ')}` : 'aucune option définie dans config.json'}) (R2)`,
        cell,
      );
      continue;
    }
    if (!/^\d+$/.test(quantity) || Number(quantity) < 1 || !Number.isSafeInteger(Number(quantity))) {
      sink.add('INVALID_QUANTITY', `quantité invalide « ${quantity} » pour l'option « ${name} » : nombre entier positif attendu`, cell);
      continue;
    }
    if (options.has(name)) {
      sink.add('DUPLICATE_OPTION', `option « ${name} » écrite deux fois`, cell);
      continue;
    }
    options.set(name, Number(quantity));
  }
  return options;
}
