import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TitresError } from '../../src/errors/titres-error.js';
import { createPdfRenderer } from '../../src/render/pdf-renderer.js';
import { compileText, fillText } from '../../src/render/template-text.js';
import { DEFAULT_TEMPLATES_DIR, loadTemplates } from '../../src/render/templates.js';

describe('template texts', () => {
  it('fills {placeholders} and leaves the rest as written', () => {
    const text = compileText('Titre n° {numero} – exercice {exercice}', 'test');
    expect(fillText(text, { numero: '12', exercice: '2026' }, 'test')).toBe('Titre n° 12 – exercice 2026');
  });

  it('rejects a stray brace and a missing value', () => {
    expect(() => compileText('Titre n° {numero', 'test')).toThrow(/accolade/);
    expect(() => fillText(compileText('{numero}', 'test'), {}, 'test')).toThrow(/\{numero\}/);
  });
});

describe('loadTemplates', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'titres-templates-'));
    await cp(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function edit(file: string, change: (json: any) => void): Promise<void> {
    const json = JSON.parse(await readFile(join(dir, file), 'utf8'));
    change(json);
    await writeFile(join(dir, file), JSON.stringify(json));
  }

  function problemOf(load: () => unknown): { code: string; message: string } {
    try {
      load();
    } catch (e) {
      expect(e).toBeInstanceOf(TitresError);
      return (e as TitresError).problems[0];
    }
    throw new Error('expected an error');
  }

  it('loads the repository templates by default', () => {
    const templates = loadTemplates();
    expect(templates.titre.text('document.title')).toBe('Avis des sommes à payer');
    expect(templates.correction.text('document.titleAnnulation')).toBe("Titre d'annulation");
    expect(templates.layout.page.marginLeft).toBeGreaterThan(0);
  });

  it('uses the wording of another folder when told to', async () => {
    await edit('titre.fr.json', (j) => (j.document.title = 'Titre de recette – avis des sommes à payer'));
    expect(loadTemplates(dir).titre.text('document.title')).toBe('Titre de recette – avis des sommes à payer');
  });

  it('reports a missing file', async () => {
    await rm(join(dir, 'layout.json'));
    expect(problemOf(() => createPdfRenderer({ templatesDir: dir })).code).toBe('TEMPLATE_MISSING');
  });

  it('reports malformed JSON', async () => {
    await writeFile(join(dir, 'bordereau.fr.json'), '{ "document": ');
    expect(problemOf(() => loadTemplates(dir))).toMatchObject({ code: 'TEMPLATE_INVALID', message: expect.stringMatching(/JSON/) });
  });

  it('reports a missing text', async () => {
    await edit('titre.fr.json', (j) => delete j.recours.texte);
    expect(problemOf(() => loadTemplates(dir))).toMatchObject({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('recours.texte') });
  });

  it('checks the corrections template as well', async () => {
    await edit('correction.fr.json', (j) => (j.effet.reduction = 'Réduit de {montant} ({dateEcheance})'));
    expect(problemOf(() => loadTemplates(dir))).toMatchObject({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('correction.fr.json (effet.reduction) : {dateEcheance} inconnu') });
  });

  it('reports a placeholder the text may not use, naming the ones it may', async () => {
    await edit('titre.fr.json', (j) => (j.reperes.numero = 'Titre n° {numéro}'));
    expect(problemOf(() => loadTemplates(dir)).message).toMatch(/accolade/);
    await edit('titre.fr.json', (j) => (j.reperes.numero = 'Titre n° {num}'));
    expect(problemOf(() => loadTemplates(dir))).toMatchObject({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('{numero}') });
  });

  it('reports a layout value of the wrong kind', async () => {
    await edit('layout.json', (j) => (j.color.accent = 'blue'));
    expect(problemOf(() => loadTemplates(dir)).message).toContain('color.accent');
    await edit('layout.json', (j) => {
      j.color.accent = '#000000';
      j.page.marginTop = '40';
    });
    expect(problemOf(() => loadTemplates(dir)).message).toContain('page.marginTop');
  });
});
