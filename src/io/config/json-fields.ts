import type { ProblemCode } from '../../errors/catalog.js';
import { Decimal } from '../../engine/money.js';
import { FileProblems } from '../csv/file-problems.js';
import { KIND_FR, type JsonNode, type JsonObject } from '../json/json-node.js';
import { MAX_NAME_LENGTH, parseAmount, parseDecimal, textProblem } from '../cell-values.js';
import type { Parsed } from '../cell-values.js';

/** A JSON object with the dotted path that leads to it (`services.laclasse`), for messages. */
export interface Scope {
  node: JsonObject;
  path: string;
}

/**
 * Typed access to config.json values: a missing required key (named with its JSON path) or a value
 * of the wrong type becomes a problem at its position, and the value is then undefined.
 */
export class JsonFields {
  constructor(readonly sink: FileProblems) {}

  path(scope: Scope, key: string): string {
    return scope.path ? `${scope.path}.${key}` : key;
  }

  node(scope: Scope, key: string, required: boolean): JsonNode | undefined {
    const entry = [...scope.node.entries].reverse().find((e) => e.key === key);
    if (!entry && required) {
      this.sink.add('CONFIG_MISSING_KEY', `clé obligatoire « ${this.path(scope, key)} » absente`, scope.node);
    }
    return entry?.value;
  }

  has(scope: Scope, key: string): boolean {
    return scope.node.entries.some((e) => e.key === key);
  }

  private typed<K extends JsonNode['kind']>(scope: Scope, key: string, kind: K, required: boolean): Extract<JsonNode, { kind: K }> | undefined {
    const node = this.node(scope, key, required);
    if (node === undefined) return undefined;
    if (node.kind !== kind) {
      const hint = kind === 'string' && node.kind === 'number' ? ` (écrire les montants et taux entre guillemets, par exemple "${node.raw}")` : '';
      this.sink.add('CONFIG_WRONG_TYPE', `« ${this.path(scope, key)} » doit être ${KIND_FR[kind]}${hint}`, node);
      return undefined;
    }
    return node as Extract<JsonNode, { kind: K }>;
  }

  object(scope: Scope, key: string, required: boolean): Scope | undefined {
    const node = this.typed(scope, key, 'object', required);
    return node && { node, path: this.path(scope, key) };
  }

  string(scope: Scope, key: string, required: boolean, max?: number): string | undefined {
    const node = this.typed(scope, key, 'string', required);
    if (node && node.value.trim() === '' && required) {
      this.sink.add('CONFIG_MISSING_KEY', `« ${this.path(scope, key)} » est vide`, node);
      return undefined;
    }
    if (node && !this.plainText(node, this.path(scope, key), max)) return undefined;
    return node?.value;
  }

  /** No control character, not too long (src/io/cell-values.ts); else a problem at the string. */
  private plainText(node: JsonNode & { kind: 'string' }, path: string, max?: number): boolean {
    const bad = textProblem(node.value, max);
    if (bad) this.sink.add(bad.code, `« ${path} » : ${bad.message}`, node);
    return bad === undefined;
  }

  boolean(scope: Scope, key: string): boolean | undefined {
    return this.typed(scope, key, 'boolean', false)?.value;
  }

  strings(scope: Scope, key: string, required: boolean): string[] | undefined {
    const node = this.typed(scope, key, 'array', required);
    if (!node) return undefined;
    const bad = node.items.find((i) => i.kind !== 'string');
    if (bad) {
      this.sink.add('CONFIG_WRONG_TYPE', `« ${this.path(scope, key)} » doit être une liste de chaînes`, bad);
      return undefined;
    }
    const path = this.path(scope, key);
    if (!node.items.every((i) => this.plainText(i as JsonNode & { kind: 'string' }, path, MAX_NAME_LENGTH))) return undefined;
    return node.items.map((i) => (i as { value: string }).value);
  }

  /** An exact decimal written as a string ("0.06"), never negative, at most `max` when given. */
  decimal(scope: Scope, key: string, required: boolean, fallback?: string, max?: Decimal): Decimal | undefined {
    return this.exact(scope, key, required, fallback, parseDecimal, max);
  }

  /** A sum of money written as a string ("300.00"): two decimals at most, never negative, at most `max`. */
  amount(scope: Scope, key: string, required: boolean, fallback?: string, max?: Decimal): Decimal | undefined {
    return this.exact(scope, key, required, fallback, parseAmount, max);
  }

  private exact(
    scope: Scope,
    key: string,
    required: boolean,
    fallback: string | undefined,
    parse: (text: string) => Parsed<Decimal>,
    max: Decimal | undefined,
  ): Decimal | undefined {
    const node = this.typed(scope, key, 'string', required);
    if (!node) return fallback === undefined ? undefined : new Decimal(fallback);
    const parsed = parse(node.value);
    if (!parsed.ok) {
      const code = parsed.code === 'INVALID_AMOUNT' ? 'CONFIG_INVALID_DECIMAL' : parsed.code;
      this.sink.add(code, `« ${this.path(scope, key)} » : ${parsed.message}`, node);
      return undefined;
    }
    if (parsed.value.lt(0)) {
      this.sink.add('CONFIG_INVALID_VALUE', `« ${this.path(scope, key)} » ne peut pas être négatif : « ${node.value} »`, node);
      return undefined;
    }
    if (max !== undefined && parsed.value.gt(max)) {
      this.sink.add('AMOUNT_IMPLAUSIBLE', `« ${this.path(scope, key)} » : « ${node.value} » dépasse le plafond de vraisemblance ${max.toFixed(2)} (limites.montant_max)`, node);
      return undefined;
    }
    return parsed.value;
  }

  /** A whole number ≥ min, or the fallback when absent. */
  integer(scope: Scope, key: string, min: number, fallback?: number): number | undefined {
    const node = this.typed(scope, key, 'number', fallback === undefined);
    if (!node) return fallback;
    if (!Number.isSafeInteger(node.value) || node.value < min) {
      this.sink.add('CONFIG_INVALID_VALUE', `« ${this.path(scope, key)} » doit être un nombre entier supérieur ou égal à ${min} : « ${node.raw} »`, node);
      return undefined;
    }
    return node.value;
  }

  /** One of the allowed words, or the fallback (the first allowed value) when absent. */
  enumeration<T extends string>(scope: Scope, key: string, allowed: readonly T[]): T | undefined {
    const node = this.typed(scope, key, 'string', false);
    if (!node) return this.has(scope, key) ? undefined : allowed[0];
    if (!(allowed as readonly string[]).includes(node.value)) {
      this.sink.add(
        'CONFIG_INVALID_VALUE',
        `« ${this.path(scope, key)} » : valeur inconnue « ${node.value} » (valeurs possibles : ${allowed.join(', ')})`,
        node,
      );
      return undefined;
    }
    return node.value as T;
  }

  /** A string matching a pattern (identifiers, codes); `rule` says in French what is expected. */
  pattern(scope: Scope, key: string, required: boolean, re: RegExp, rule: string, code: ProblemCode = 'CONFIG_INVALID_VALUE'): string | undefined {
    const value = this.string(scope, key, required);
    if (value !== undefined && !re.test(value)) {
      this.sink.add(code, `« ${this.path(scope, key)} » invalide « ${value} » : ${rule}`, this.node(scope, key, false));
      return undefined;
    }
    return value;
  }
}
