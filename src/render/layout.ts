/**
 * Page geometry, font sizes and colours of the documents (templates/layout.json, finance may
 * edit it). The shape below is the single definition: the type derives from it and loading checks
 * that every entry is present with the right kind of value.
 */
import { TemplateTextError } from './template-text.js';

const LAYOUT_SHAPE = {
  page: { marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, footerHeight: 0 },
  fontSize: {
    title: 0, subtitle: 0, issuer: 0, body: 0, label: 0, table: 0, small: 0, amount: 0, footer: 0,
  },
  color: {
    text: '', muted: '', accent: '', rule: '', tableHeader: '', tableStripe: '', box: '',
  },
  watermark: { fontSize: 0, color: '', opacity: 0 },
  spacing: { section: 0, line: 0, cellPadding: 0 },
  titre: { labelWidth: 0, colArticleWidth: 0, colMontantWidth: 0 },
  avis: { windowX: 0, windowY: 0, windowWidth: 0, windowHeight: 0, bodyTop: 0, columnGap: 0 },
  bordereau: {
    rowHeight: 0,
    colNumeroWidth: 0,
    colCodeInseeWidth: 0,
    colNatureWidth: 0,
    colTitreOrigineWidth: 0,
    colMontantWidth: 0,
    signatureHeight: 0,
  },
};

type Widen<T> = { readonly [K in keyof T]: T[K] extends number ? number : T[K] extends string ? string : Widen<T[K]> };
export type Layout = Widen<typeof LAYOUT_SHAPE>;

const COLOUR = /^#[0-9a-fA-F]{6}$/;

function check(shape: Record<string, unknown>, json: unknown, path: string, file: string): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TemplateTextError(`${file} : « ${path || '(racine)'} » doit être un objet`);
  }
  const obj = json as Record<string, unknown>;
  for (const [key, sub] of Object.entries(shape)) {
    const where = path ? `${path}.${key}` : key;
    const value = obj[key];
    if (typeof sub === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new TemplateTextError(`${file} : « ${where} » doit être un nombre positif`);
      }
    } else if (typeof sub === 'string') {
      if (typeof value !== 'string' || !COLOUR.test(value)) {
        throw new TemplateTextError(`${file} : « ${where} » doit être une couleur #rrggbb`);
      }
    } else {
      check(sub as Record<string, unknown>, value, where, file);
    }
  }
}

/** Checks the parsed layout.json against the shape. */
export function parseLayout(json: unknown, file: string): Layout {
  check(LAYOUT_SHAPE, json, '', file);
  return json as Layout;
}
