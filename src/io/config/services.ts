import { Decimal } from '../../engine/money.js';
import type { Imputation, PayingService, Service, ServiceOption } from '../../engine/dataset.js';
import type { Position } from '../../errors/problem.js';
import { CODE_PRODUIT } from '../../engine/identifiers.js';
import { parseMonth, preview } from '../cell-values.js';
import type { JsonFields, Scope } from './json-fields.js';
import type { Limits } from './limits.js';

/** A paying service's reference index month and where config.json states it (checked against the series later). */
export interface IndexReference {
  service: string;
  serie: string;
  reference: string;
  at: Position;
}

const ID = /^[a-z0-9][a-z0-9_-]*$/;
const MAX_ID_LENGTH = 32;
const ID_RULE = 'lettres minuscules, chiffres, « - » ou « _ »';
const TARIFF_KEYS = ['forfait', 'par_habitant', 'options'] as const;

/** config.json `services`: tariffs are data (R2). */
export interface ServicesRead {
  /** The services read without problem (all of them when `complete`). */
  services: Map<string, Service>;
  complete: boolean;
  /** Every service id written in config.json, valid or not. */
  ids?: Set<string>;
  references: IndexReference[];
}

export function readServices(f: JsonFields, root: Scope, limits: Limits): ServicesRead {
  const s = f.object(root, 'services', true);
  const references: IndexReference[] = [];
  const services = new Map<string, Service>();
  if (!s) return { services, complete: false, references };
  let complete = true;
  for (const entry of s.node.entries) {
    const path = f.path(s, entry.key);
    if (!ID.test(entry.key) || entry.key.length > MAX_ID_LENGTH) {
      f.sink.add('CONFIG_INVALID_VALUE', `identifiant de service invalide « ${preview(entry.key)} » : ${ID_RULE}, ${MAX_ID_LENGTH} caractères au plus (il nomme des dossiers)`, entry.keyAt);
    }
    if (entry.value.kind !== 'object') {
      f.sink.add('CONFIG_WRONG_TYPE', `« ${path} » doit être un objet { … }`, entry.value);
      complete = false;
      continue;
    }
    const service = readService(f, { node: entry.value, path }, entry.key, references, limits);
    if (service) services.set(entry.key, service);
    else complete = false;
  }
  return { services, complete, ids: new Set(s.node.entries.map((e) => e.key)), references };
}

function readService(f: JsonFields, s: Scope, id: string, references: IndexReference[], limits: Limits): Service | undefined {
  const libelle = f.string(s, 'libelle', true);
  const gratuit = f.boolean(s, 'gratuit') ?? false;
  if (gratuit) {
    for (const key of TARIFF_KEYS) {
      const node = f.node(s, key, false);
      if (node) f.sink.add('FREE_SERVICE_TARIFF', `le service gratuit « ${id} » ne peut pas avoir de tarif « ${key} » (R2)`, node);
    }
    return libelle === undefined ? undefined : { id, libelle, gratuit: true };
  }
  const absent = (['forfait', 'par_habitant', 'indice'] as const).filter((k) => !f.has(s, k));
  if (absent.length > 0) {
    f.sink.add(
      'PAYING_SERVICE_TARIFF_MISSING',
      `le service payant « ${id} » n'a pas de « ${absent.join(' », « ')} » (ajouter le tarif, ou "gratuit": true) (R2)`,
      s.node,
    );
  }
  const forfait = f.amount(s, 'forfait', false, undefined, limits.montantMax);
  const parHabitant = f.decimal(s, 'par_habitant', false, undefined, limits.montantMax);
  const indice = readIndice(f, s, id, references);
  const population = f.enumeration(s, 'population', ['totale', 'municipale'] as const);
  const prorata = f.enumeration(s, 'prorata', ['forfait', 'total'] as const);
  const finEnCoursExercice = f.enumeration(s, 'fin_en_cours_exercice', ['du', 'prorata'] as const);
  const t = f.object(s, 'transitoire', false);
  const haussePremiereAnnee = t ? f.decimal(t, 'hausse_premiere_annee', false, '0.10') : new Decimal('0.10');
  const hausseAnnuelle = t ? f.decimal(t, 'hausse_annuelle', false, '0.05') : new Decimal('0.05');
  const imputation = readImputation(f, s);
  const options = readOptions(f, s, limits);
  if (
    libelle === undefined || forfait === undefined || parHabitant === undefined || indice === undefined ||
    population === undefined || prorata === undefined || finEnCoursExercice === undefined ||
    haussePremiereAnnee === undefined || hausseAnnuelle === undefined || imputation === undefined || options === undefined
  ) {
    return undefined;
  }
  const annexeTarifaire = f.string(s, 'annexe_tarifaire', false);
  return {
    id,
    libelle,
    gratuit: false,
    ...(annexeTarifaire !== undefined ? { annexeTarifaire } : {}),
    forfait,
    parHabitant,
    population,
    indice,
    transitoire: { haussePremiereAnnee, hausseAnnuelle },
    prorata,
    finEnCoursExercice,
    imputation,
    options,
  };
}

function readIndice(f: JsonFields, s: Scope, id: string, references: IndexReference[]): PayingService['indice'] | undefined {
  const i = f.object(s, 'indice', false);
  if (!i) return undefined;
  const serie = f.pattern(i, 'serie', true, /^[A-Za-z0-9_-]+$/, `nom du fichier indices/<serie>.csv : ${ID_RULE}`);
  const refNode = f.node(i, 'reference', true);
  const text = f.string(i, 'reference', false);
  if (text === undefined || !refNode) return undefined;
  const month = parseMonth(text);
  if (!month.ok) {
    f.sink.add('CONFIG_INVALID_VALUE', `« ${f.path(i, 'reference')} » : ${month.message}`, refNode);
    return undefined;
  }
  if (serie === undefined) return undefined;
  references.push({ service: id, serie, reference: month.value, at: { file: f.sink.file, line: refNode.line, column: refNode.column } });
  return { serie, reference: month.value };
}

function readImputation(f: JsonFields, s: Scope): Imputation | undefined {
  if (!f.has(s, 'imputation')) return {};
  const i = f.object(s, 'imputation', false);
  if (!i) return undefined;
  const imputation: Imputation = {};
  for (const key of ['chapitre', 'nature', 'fonction'] as const) {
    const value = f.string(i, key, false);
    if (value !== undefined) imputation[key] = value;
  }
  const code = f.pattern(i, 'code_produit', false, CODE_PRODUIT, '4 lettres ou chiffres au plus (CodProdLoc du PES)');
  if (code !== undefined) imputation.code_produit = code;
  return imputation;
}

/** R2: options are priced lines per adhesion (unit price per year × quantity). */
function readOptions(f: JsonFields, s: Scope, limits: Limits): Map<string, ServiceOption> | undefined {
  const options = new Map<string, ServiceOption>();
  if (!f.has(s, 'options')) return options;
  const o = f.object(s, 'options', false);
  if (!o) return undefined;
  let complete = true;
  for (const entry of o.node.entries) {
    const path = f.path(o, entry.key);
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(entry.key)) {
      f.sink.add('CONFIG_INVALID_VALUE', `identifiant d'option invalide « ${entry.key} » : ${ID_RULE}`, entry.keyAt);
    }
    if (entry.value.kind !== 'object') {
      f.sink.add('CONFIG_WRONG_TYPE', `« ${path} » doit être un objet { "libelle": …, "prix_unitaire": … }`, entry.value);
      complete = false;
      continue;
    }
    const scope = { node: entry.value, path };
    const libelle = f.string(scope, 'libelle', true);
    const prixUnitaire = f.amount(scope, 'prix_unitaire', true, undefined, limits.montantMax);
    if (libelle === undefined || prixUnitaire === undefined) complete = false;
    else options.set(entry.key, { id: entry.key, libelle, prixUnitaire });
  }
  return complete ? options : undefined;
}
