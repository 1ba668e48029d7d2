import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { StructureTree, type TableCell } from '../../src/render/structure-tree.js';

/** A tagged document's bytes, from its header to %%EOF. */
function bytesOf(fill: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ tagged: true, autoFirstPage: false, compress: false, font: 'Helvetica', info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  fill(doc);
  doc.end();
  return ended;
}

/** What both documents draw: texts, decorations, a table over two pages, a figure with its alternative text. */
interface Drawing {
  tag(type: string, draw: () => void, alt?: string): void;
  artifact(draw: () => void): void;
  table(): { row(cells: readonly TableCell[], paint: (i: number) => void): void; end(): void };
  end(): void;
}

function draw(doc: PDFKit.PDFDocument, drawing: Drawing): void {
  doc.addPage();
  drawing.tag('H1', () => doc.text('Titre de recette n° 2026-00012', 50, 50));
  drawing.artifact(() => doc.rect(50, 70, 400, 1).fill('#cccccc'));
  const table = drawing.table();
  const row = (cells: readonly TableCell[], texts: readonly string[], y: number): void =>
    table.row(cells, (i) => doc.text(texts[i], 50 + 150 * i, y, { lineBreak: false }));
  row(['ColumnHeading', 'ColumnHeading', 'ColumnHeading'], ['Fondement', 'Élément', 'Montant'], 80);
  row(['TD', 'TD', 'TD'], ['art. 10.1', 'Population : 18 243 habitants', ''], 100);
  doc.addPage();
  drawing.artifact(() => doc.text('suite', 50, 30));
  row(['TD', 'TD', 'TD'], ['annexe §6', 'Contribution-cible', '1 210,00 €'], 50);
  row(['RowHeading', 'RowHeading', 'TD'], ['', 'Total', '1 210,00 €'], 70);
  table.end();
  drawing.tag('Figure', () => doc.rect(50, 100, 100, 50).fill('#336699'), 'Évolution des contributions (€)');
  drawing.tag('P', () => doc.text('Fin.', 50, 200));
  drawing.end();
}

/** The same drawing through pdfkit 0.20's own structure elements and markings. */
function pdfkitDrawing(doc: PDFKit.PDFDocument): Drawing {
  const root = doc.struct('Document');
  doc.addStructure(root);
  const scoped = (cell: TableCell, paint: () => void): PDFKit.PDFStructureElement => {
    const element = doc.struct(cell === 'TD' ? 'TD' : 'TH', {}, paint);
    const data = (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
    if (cell !== 'TD') data.A = { O: 'Table', Scope: cell === 'ColumnHeading' ? 'Column' : 'Row' };
    return element;
  };
  return {
    tag: (type, paint, alt) => root.add(doc.struct(type, alt === undefined ? {} : { alt }, paint)),
    artifact: (paint) => {
      doc.markContent('Artifact');
      paint();
      doc.endMarkedContent();
    },
    table: () => {
      const table = doc.struct('Table');
      root.add(table);
      return {
        row: (cells, paint) => void table.add(doc.struct('TR', {}, cells.map((cell, i) => scoped(cell, () => paint(i))))),
        end: () => void table.end(),
      };
    },
    end: () => void root.end(),
  };
}

describe('the structure tree (PDF/UA) written without pdfkit’s structure elements (issue 12)', () => {
  it('writes the bytes pdfkit 0.20 writes: objects, their numbers and order, marked contents, parent tree', async () => {
    const ours = await bytesOf((doc) => {
      const tree = new StructureTree(doc);
      draw(doc, { tag: (t, d, alt) => tree.tag(t, d, alt), artifact: (d) => tree.artifact(d), table: () => tree.table(), end: () => tree.end() });
    });
    const pdfkit = await bytesOf((doc) => draw(doc, pdfkitDrawing(doc)));
    expect(ours.toString('latin1')).toContain('/S /TH\n/A <<\n/O /Table\n/Scope /Row\n>>');
    expect(ours.toString('latin1')).toBe(pdfkit.toString('latin1'));
  });

  it('refuses marked contents that nest (pdfkit would close the open one)', () => {
    const doc = new PDFDocument({ tagged: true, font: 'Helvetica' });
    const tree = new StructureTree(doc);
    expect(() => tree.tag('P', () => tree.artifact(() => undefined))).toThrow(/do not nest/);
  });
});
