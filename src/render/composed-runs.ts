/**
 * A word shaped from its characters' shapes, when the font joins none of its neighbours.
 *
 * fontkit shapes a word at a cost that hardly depends on its length (script, shaping plan, GSUB
 * and GPOS passes, glyph infos): some 35 µs and 6 KB of garbage. The shared cache of shaped words
 * (shared-fonts.ts) keeps the wording, but each titre still brings some 19 words of its own
 * (numbers, amounts, names, two thirds of them digits and separators), a tenth of a rendering
 * thread's time. Most are made of characters that the font neither joins (ligatures) nor kerns:
 * their shaped run is their characters' runs end to end.
 *
 * Two characters are independent when fontkit shapes the pair as the two characters' runs end to
 * end (same glyphs, same positions): asked of fontkit itself, once per pair. A word is cut between
 * its independent neighbours into chunks: single characters, or characters the font joins or kerns
 * pair by pair (« Th », « Vi », « ffi »), each chunk shaped by fontkit once per renderer and kept.
 * The word's run is its chunks' runs end to end (glyph and position objects shared, as pdfkit
 * treats a shaped run as immutable); only a word that is one chunk whole is shaped by fontkit.
 * Before, any word with a kerned pair went to fontkit whole: the hyphenated names of communes
 * (« Villers-Aubin-en-Bresse », « Thoissey-lès-Bains ») and amounts in words (« quatre-vingt- »),
 * new on every titre: some 2 shapings a titre, yet fontkit was 6 % of a rendering's CPU profile
 * (long hyphenated words, kerned pairs: GPOS lookups for each). A rule that would join three
 * characters across an independent pair escapes this check: the DejaVu fonts have none among the
 * characters the titres use (checked against fontkit by test/render/composed-runs.test.ts).
 */
import { RecurringCache } from '../engine/recurring-cache.js';
import type { FontkitGlyph, ShapedRun } from './fixed-subset.js';

type Position = Record<string, number>;

export type LayoutRun = (text: string) => ShapedRun;

/** Pairs of characters (by UTF-16 code units) whose independence is known, per generation. */
const PAIRS_PER_GENERATION = 4_096;

/** Single characters' runs kept, per generation (the alphabet of a batch is a few hundred). */
const CHARACTERS_PER_GENERATION = 1_024;

/** Joined chunks' runs kept, per generation (kerned pairs of capitals and letters, ligatures: a few hundred). */
const CHUNKS_PER_GENERATION = 1_024;

/** Code units fontkit reads together with their neighbour: surrogates, variation selectors. */
function joinsNeighbour(code: number): boolean {
  return (code >= 0xd800 && code <= 0xdfff) || (code >= 0xfe00 && code <= 0xfe0f);
}

function sameRun(whole: ShapedRun, first: ShapedRun, second: ShapedRun): boolean {
  const parts = [...first.positions, ...second.positions] as Position[];
  const glyphs = [...first.glyphs, ...second.glyphs];
  if (whole.glyphs.length !== glyphs.length || whole.positions.length !== parts.length) return false;
  for (let i = 0; i < glyphs.length; i++) {
    if (whole.glyphs[i] !== glyphs[i]) return false;
    const a = whole.positions[i] as Position;
    const b = parts[i];
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length || keys.some((key) => a[key] !== b[key])) return false;
  }
  return true;
}

/** Shapes words of one font, composing them from their characters (and joined chunks) when that gives fontkit's run. */
export class ComposedRuns {
  private readonly characters = new RecurringCache<number, ShapedRun>(CHARACTERS_PER_GENERATION);
  private readonly independent = new RecurringCache<number, boolean>(PAIRS_PER_GENERATION);
  private readonly chunks = new RecurringCache<string, ShapedRun>(CHUNKS_PER_GENERATION);
  /** The chunks' runs of the word being shaped (shape is not reentered: fontkit does not call back). */
  private readonly runs: ShapedRun[] = [];

  /**
   * `word` shaped: its chunks' runs end to end, or fontkit's run through `layoutRun` when the
   * word is one chunk (or holds a code unit read with its neighbour).
   */
  shape(word: string, layoutRun: LayoutRun): ShapedRun {
    if (word.length < 2) return layoutRun(word);
    for (let i = 0; i < word.length; i++) if (joinsNeighbour(word.charCodeAt(i))) return layoutRun(word);
    // The chunks' runs, in a list reused from word to word; then the word's arrays at their size.
    const runs = this.runs;
    runs.length = 0;
    let glyphCount = 0;
    for (let start = 0, end = 1; end <= word.length; end++) {
      if (end < word.length && !this.independentPair(word, end - 1, layoutRun)) continue;
      if (start === 0 && end === word.length) return layoutRun(word); // one chunk: the word whole
      const run = end - start === 1 ? this.character(word, start, layoutRun) : this.chunk(word.slice(start, end), layoutRun);
      runs.push(run);
      glyphCount += run.glyphs.length;
      start = end;
    }
    const glyphs = new Array<FontkitGlyph>(glyphCount);
    const positions = new Array<Position>(glyphCount);
    // fontkit's GlyphRun.advanceWidth, summed in the same order
    let advanceWidth = 0;
    let at = 0;
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      for (let i = 0; i < run.glyphs.length; i++, at++) {
        glyphs[at] = run.glyphs[i];
        const position = run.positions[i] as Position;
        positions[at] = position;
        advanceWidth += position.xAdvance;
      }
    }
    return { glyphs, positions, advanceWidth };
  }

  private character(word: string, index: number, layoutRun: LayoutRun): ShapedRun {
    const code = word.charCodeAt(index);
    let run = this.characters.get(code);
    if (run === undefined) this.characters.set(code, (run = layoutRun(word[index])));
    return run;
  }

  /** Characters the font joins or kerns pair by pair (« Th », « ffi »), shaped by fontkit once. */
  private chunk(text: string, layoutRun: LayoutRun): ShapedRun {
    let run = this.chunks.get(text);
    if (run === undefined) this.chunks.set(text, (run = layoutRun(text)));
    return run;
  }

  /** Whether fontkit shapes the characters at `index` and `index + 1` as their two runs end to end. */
  private independentPair(word: string, index: number, layoutRun: LayoutRun): boolean {
    const pair = word.charCodeAt(index) * 0x10000 + word.charCodeAt(index + 1);
    let independent = this.independent.get(pair);
    if (independent === undefined) {
      independent = sameRun(layoutRun(word.slice(index, index + 2)), this.character(word, index, layoutRun), this.character(word, index + 1, layoutRun));
      this.independent.set(pair, independent);
    }
    return independent;
  }
}
