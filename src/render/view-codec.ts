/**
 * Views cross a worker-thread boundary by structured clone, which keeps Maps and plain data but not
 * class instances: exact decimals (decimal.js) would arrive as bare objects. `encodeView` marks
 * them as strings, `decodeView` turns them back into Decimals, so that a worker renders exactly
 * what the main thread would have rendered.
 */
import { Decimal } from '../engine/money.js';

const DECIMAL = '$decimal';

type Marked = { [DECIMAL]: string };

function isMarked(value: object): value is Marked {
  return typeof (value as Marked)[DECIMAL] === 'string' && Object.keys(value).length === 1;
}

function walk(value: unknown, leaf: (v: object) => unknown | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const replaced = leaf(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) return value.map((v) => walk(v, leaf));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, walk(v, leaf)]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = walk(v, leaf);
  return out;
}

export function encodeView<T>(view: T): unknown {
  return walk(view, (v) => (v instanceof Decimal ? { [DECIMAL]: v.toString() } : undefined));
}

export function decodeView<T>(encoded: unknown): T {
  return walk(encoded, (v) => (isMarked(v) ? new Decimal(v[DECIMAL]) : undefined)) as T;
}
