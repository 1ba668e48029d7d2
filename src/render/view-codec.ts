/**
 * Views cross a worker-thread boundary by structured clone, which keeps Maps and plain data but not
 * class instances: exact decimals (decimal.js) would arrive as bare objects. `encodeView` marks
 * them as strings, `decodeView` turns them back into Decimals, so that a worker renders exactly
 * what the main thread would have rendered.
 */
import { Decimal } from '../engine/money.js';

const DECIMAL = '$decimal';

type Marked = { [DECIMAL]: string };

/** A Decimal as it crosses: its exact text, marked. */
function marked(value: Decimal): Marked {
  return { [DECIMAL]: value.toString() };
}

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

/**
 * What `walk` with the Decimal marker gives, as the structured clone of postMessage sees it, but
 * copying only what holds a Decimal: a plain object, an array or a Map none of whose values is (or
 * holds) a Decimal is returned as it is, since its clone is then the clone of walk's copy (own
 * enumerable string keys, in their order, getters read). Any other object (a class instance, a
 * Date, a Set) is copied as walk copies it. Issue 12: walk copied every object of every titre's
 * view (the commune, the service, the liquidation lines), ~13 KB of the main thread's ~150 KB a titre.
 */
function encode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Decimal) return marked(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value) && proto === Array.prototype) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const e = encode(v);
      if (copy === undefined && e !== v) copy = value.slice(0, i);
      copy?.push(e);
    }
    return copy ?? value;
  }
  if (proto === Map.prototype) {
    // each value encoded once; a new Map only if one of them changed
    let changed = false;
    const entries: Array<[unknown, unknown]> = [];
    for (const [k, v] of value as Map<unknown, unknown>) {
      const e = encode(v);
      if (e !== v) changed = true;
      entries.push([k, e]);
    }
    return changed ? new Map(entries) : value;
  }
  const plain = proto === Object.prototype || proto === null;
  if (!plain || Array.isArray(value)) return walk(value, encodedLeaf);
  const keys = Object.keys(value);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i]];
    const e = encode(v);
    if (copy === undefined && e !== v) {
      copy = {};
      for (let j = 0; j < i; j++) copy[keys[j]] = (value as Record<string, unknown>)[keys[j]];
    }
    if (copy !== undefined) copy[keys[i]] = e;
  }
  return copy ?? value;
}

/** walk's leaf for encoding: a Decimal marked; any other object copied by walk. */
function encodedLeaf(v: object): unknown {
  return v instanceof Decimal ? marked(v) : undefined;
}

export function encodeView<T>(view: T): unknown {
  return encode(view);
}

export function decodeView<T>(encoded: unknown): T {
  return walk(encoded, (v) => (isMarked(v) ? new Decimal(v[DECIMAL]) : undefined)) as T;
}
