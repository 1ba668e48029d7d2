/**
 * The PDF implementation of DocumentRenderer. Templates (wording, layout) and the font and ICC
 * files are read and compiled once, here; each render only lays out its view. The returned
 * stream holds the finished PDF (a titre's in one chunk, a bordereau's in PDF_CHUNK pieces): pipe it
 * to a file (and hash it).
 */
import { Readable } from 'node:stream';
import { loadPdfAssets } from './assets.js';
import { renderBordereauPdf } from './bordereau-pdf.js';
import { renderCorrectionPdf } from './correction-pdf.js';
import type { PdfResources } from './pdf-document.js';
import { LineBreaks } from './line-breaks.js';
import { finishedPdf, PdfOutput } from './pdf-stream.js';
import { createSharedFonts } from './shared-fonts.js';
import { loadTemplates } from './templates.js';
import { renderTitrePdf } from './titre-pdf.js';
import type { BordereauView, DocumentRenderer, TitreView } from './views.js';

export interface PdfRendererOptions {
  /** Folder holding titre.fr.json, bordereau.fr.json and layout.json; default <repo>/templates. */
  templatesDir?: string;
}

export interface PdfRenderer extends DocumentRenderer {
  /** Renders a bordereau, handing its bytes to `emit` in PDF_CHUNK pieces as they are written. */
  streamBordereau(view: BordereauView, emit: (chunk: Buffer) => void): void;
}

export function createPdfRenderer(options: PdfRendererOptions = {}): PdfRenderer {
  const templates = loadTemplates(options.templatesDir);
  const assets = loadPdfAssets();
  const resources: PdfResources = { assets, fonts: createSharedFonts(assets, templates.alphabet), lineBreaks: new LineBreaks() };
  return {
    renderTitre(view: TitreView): Readable {
      const render = view.document.type === 'titre' ? renderTitrePdf : renderCorrectionPdf;
      return finishedPdf(render(view, templates, resources));
    },
    renderBordereau(view: BordereauView): Readable {
      const chunks: Buffer[] = [];
      renderBordereauPdf(view, templates, resources, new PdfOutput((chunk) => chunks.push(chunk)));
      return Readable.from(chunks, { objectMode: false });
    },
    streamBordereau(view: BordereauView, emit: (chunk: Buffer) => void): void {
      renderBordereauPdf(view, templates, resources, new PdfOutput(emit));
    },
  };
}
