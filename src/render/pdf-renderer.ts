/**
 * The PDF implementation of DocumentRenderer. Templates (wording, layout) and the font and ICC
 * files are read and compiled once, here; each render only lays out its view. A titre's PDF is
 * returned as a one-chunk stream, to pipe to a file (and hash it); a bordereau's is written into
 * its file in PDF_CHUNK pieces as it is laid out.
 */
import type { Readable } from 'node:stream';
import { startDocument } from './filled-texts.js';
import { PdfFile, type WrittenPdf } from './pdf-file.js';
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

export function createPdfRenderer(options: PdfRendererOptions = {}): DocumentRenderer {
  const templates = loadTemplates(options.templatesDir);
  const assets = loadPdfAssets();
  const resources: PdfResources = { assets, fonts: createSharedFonts(assets, templates.alphabet), lineBreaks: new LineBreaks() };
  return {
    renderTitre(view: TitreView): Readable {
      const render = view.document.type === 'titre' ? renderTitrePdf : renderCorrectionPdf;
      startDocument();
      return finishedPdf(render(view, templates, resources));
    },
    async writeBordereau(view: BordereauView, fd: number): Promise<WrittenPdf> {
      const file = new PdfFile(fd);
      startDocument();
      renderBordereauPdf(view, templates, resources, new PdfOutput((chunk) => file.write(chunk)));
      return file.end();
    },
  };
}
