/**
 * A pdfkit document set up for the titres: A4, PDF/A-3b, tagged, French, DejaVu Sans parsed once
 * for all documents (shared-fonts.ts), and deterministic (dates = the issue date at 00:00 UTC, so the trailer
 * /ID, an MD5 of the info dictionary, and the XMP packet are the same on every run).
 */
import PDFDocument from 'pdfkit';
import type { IsoDate } from '../engine/dates.js';
import { useColorOperators } from './color-operators.js';
import type { PdfAssets } from './assets.js';
import type { LineBreaks } from './line-breaks.js';
import { useNativeWrites } from './native-writes.js';
import type { PdfOutput } from './pdf-stream.js';
import type { SharedFonts } from './shared-fonts.js';
import { useTextRuns } from './text-runs.js';

export { FONT_BOLD, FONT_REGULAR } from './shared-fonts.js';

export interface PdfMeta {
  title: string;
  author: string;
  subject?: string;
  date: IsoDate;
}

/** pdfkit copies info strings into the XMP packet without escaping them. */
function xmpSafe(text: string): string {
  return text.replace(/&/g, 'et').replace(/[<>]/g, '');
}

/** The producing application, in the Info dictionary and the XMP packet alike. */
export const PRODUCER = 'titres';

function utcMidnight(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

interface PdfaInternals {
  ref(data: object): { write(b: Buffer): void; end(): void };
  _root: { data: Record<string, unknown> };
}

export interface PdfResources {
  assets: PdfAssets;
  fonts: SharedFonts;
  /** Line breaks of measured and drawn texts, kept across the documents of a renderer (optional). */
  lineBreaks?: LineBreaks;
}

/** `output`, when given, receives the document's bytes as they are written (pdf-stream.ts), not its stream. */
export function openPdf(resources: PdfResources, meta: PdfMeta, margins: PDFKit.Mixins.ExpandedSides<number>, output?: PdfOutput): PDFKit.PDFDocument {
  useNativeWrites();
  const { assets, fonts } = resources;
  const date = utcMidnight(meta.date);
  const info: PDFKit.DocumentInfo = {
    Title: xmpSafe(meta.title),
    Author: xmpSafe(meta.author),
    // pdfkit writes the XMP pdf:Producer from Creator: the same name in both keeps Info and XMP in step.
    Creator: PRODUCER,
    Producer: PRODUCER,
    CreationDate: date,
    ModDate: date,
  };
  if (meta.subject) info.Subject = xmpSafe(meta.subject);
  const doc = new PDFDocument({
    size: 'A4',
    margins,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    autoFirstPage: false,
    font: '', // no default Helvetica: every text uses the embedded DejaVu Sans
    info,
  });
  output?.divert(doc);
  // pdfkit reads and compresses its ICC profile for every document; write the bytes compressed once.
  Object.assign(doc, {
    _addColorOutputIntent(this: PdfaInternals) {
      const profile = this.ref({ N: 3, Filter: 'FlateDecode' });
      profile.write(assets.iccProfileDeflated);
      profile.end();
      const intent = this.ref({
        Type: 'OutputIntent',
        S: 'GTS_PDFA1',
        Info: new String('sRGB IEC61966-2.1'),
        OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
        DestOutputProfile: profile,
      });
      intent.end();
      this._root.data.OutputIntents = [intent];
    },
  });
  // PDF/UA-1 identification (tagged, titled, French) beside PDF/A-3b, and the XMP dates that
  // mirror the Info dictionary's ModDate.
  const stamp = date.toISOString().split('.')[0] + 'Z';
  doc.appendXML(`
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${stamp}</xmp:ModifyDate>
            <xmp:MetadataDate>${stamp}</xmp:MetadataDate>
        </rdf:Description>
        `);
  fonts.install(doc);
  resources.lineBreaks?.install(doc);
  useTextRuns(doc);
  useColorOperators(doc);
  return doc;
}
