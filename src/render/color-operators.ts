/**
 * The operators that set a colour, written once per colour instead of once per call.
 *
 * Every text a titre measures or draws sets its font, size and colour (page-frame.ts style()),
 * some two hundred times a titre with four colours in all. pdfkit works each colour out again at
 * every call: it parses the hex string into an array, divides each part into a new array, picks
 * the colour space and prints both operators (`/DeviceRGB cs`, `r g b scn`): about 80 KB of
 * garbage per titre (allocation sampling, 500 titres), for the same two strings every time.
 *
 * Here the operators of a hex colour (#rgb or #rrggbb) are found once, by pdfkit itself (its
 * _setColorCore run on a stand-in that records what it writes), and kept per colour and per
 * operation (fill or stroke): later calls write the same strings in the same order. Any other
 * colour (named, spot, CMYK array, gradient, pattern) still goes through pdfkit.
 *
 * Uses pdfkit internals (_setColorCore, addContent; pdfkit 0.20).
 */

interface ColorInternals {
  _setColorCore(color: unknown, stroke: boolean): boolean;
  addContent(data: string): unknown;
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Operators by colour, for fill (index 0) and stroke (index 1). */
const kept: [Map<string, readonly string[]>, Map<string, readonly string[]>] = [new Map(), new Map()];

type SetColorCore = ColorInternals['_setColorCore'];

/**
 * The replacement of each pdfkit `_setColorCore` met (one: its prototype's), made once: a new
 * function per document was a new closure for the optimising compiler to compile again after
 * every full collection (46 compilations in 17 500 titres, `--trace-opt`).
 */
const replacements = new WeakMap<SetColorCore, SetColorCore>();

/** Makes `doc` write the operators of its hex colours from the kept ones. */
export function useColorOperators(doc: PDFKit.PDFDocument): void {
  const pdf = doc as unknown as ColorInternals;
  const setColorCore = pdf._setColorCore;
  if (typeof setColorCore !== 'function' || typeof pdf.addContent !== 'function') return;
  let replacement = replacements.get(setColorCore);
  if (replacement === undefined) replacements.set(setColorCore, (replacement = keptColors(setColorCore)));
  pdf._setColorCore = replacement;
}

function keptColors(setColorCore: SetColorCore): SetColorCore {
  return function keptSetColorCore(this: ColorInternals, color: unknown, stroke: boolean): boolean {
    if (typeof color !== 'string') return setColorCore.call(this, color, stroke);
    const byColor = kept[stroke ? 1 : 0];
    let operators = byColor.get(color);
    if (operators === undefined) {
      if (!HEX_COLOR.test(color)) return setColorCore.call(this, color, stroke);
      const written: string[] = [];
      const recorder = Object.create(this) as ColorInternals;
      recorder.addContent = (data: string) => {
        written.push(data);
        return recorder;
      };
      if (!setColorCore.call(recorder, color, stroke)) return false;
      byColor.set(color, (operators = written));
    }
    for (const operator of operators) this.addContent(operator);
    return true;
  };
}
