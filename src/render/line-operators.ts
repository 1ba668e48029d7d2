/**
 * A line's TJ operator composed from its words' pieces, without its glyph numbers and positions
 * laid end to end.
 *
 * text-runs.ts wrote a line by encoding it (fixed-subset.ts: an array of glyph numbers and one of
 * positions, built run after run), then walking the glyphs to cut the hex runs at each kerning
 * adjustment and join them (`slice`, `join`, then the commands joined). The recurring wording's
 * operators are kept, but the some 20 lines a titre fills from its own values (names, amounts,
 * references: filled-texts.ts) were encoded and walked anew on every titre: the two arrays, a
 * string per glyph, its slices and joins were ~90 KB of the ~900 KB a titre allocated
 * (bench/alloc-profile.mjs), encodeRuns and textOperator some 4 % of a rendering thread's CPU.
 *
 * Here a shaped run (a word and its space, shared by every document of a renderer) is printed once
 * as its part of a TJ operator: the hex runs closed by each of its adjusted glyphs, with their
 * adjustment printed, and the open hex of the glyphs after the last. A line is its runs' pieces
 * end to end, the open hex of one run carried into the next: the same hex runs, cut at the same
 * glyphs, the same numbers as pdfkit 0.20's _fragment prints them (PDFObject.number), with
 * nothing built per glyph.
 */
import { pdfNumber } from './printed-reference.js';

/** What pdfkit's TJ reads of a glyph's position (positions are already scaled). */
export interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** A run's part of a TJ operator. */
export interface RunPieces {
  /** The hex runs closed by an adjusted glyph, each with its end: `hex> adjustment`. */
  readonly closings: readonly string[];
  /** The hex of the glyphs after the last adjusted one, carried into the next run. */
  readonly tail: string;
}

const NO_CLOSINGS: readonly string[] = [];

/**
 * The pieces of a run of glyphs numbered by `hex` (4 hex digits each, pdfkit's glyph number), in
 * the order of `positions`; null when a glyph has an offset (pdfkit then moves the text position
 * itself: text-runs.ts leaves such lines to it). Each piece is one flat string (joined, not
 * concatenated glyph by glyph: V8 keeps a concatenation as a tree of its parts, which every line
 * writing the run would walk again).
 */
export function runPieces(positions: readonly GlyphPosition[], hex: (index: number) => string): RunPieces | null {
  let closings: string[] | undefined;
  const open: string[] = [];
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    if (position.xOffset || position.yOffset) return null;
    open.push(hex(i));
    const advance = position.xAdvance - position.advanceWidth;
    if (advance !== 0) {
      open.push(`> ${pdfNumber(-advance)}`);
      (closings ??= []).push(open.join(''));
      open.length = 0;
    }
  }
  return { closings: closings ?? NO_CLOSINGS, tail: open.join('') };
}

/**
 * Composes one line's TJ operator from its runs' pieces, run after run (one line at a time): the
 * pieces are gathered in one array, reused from line to line, and joined once into a flat string.
 */
export class LineOperator {
  private readonly parts: string[] = ['['];
  /** Whether a hex run is open (its `<` written, its end not yet). */
  private opened = false;

  add(pieces: RunPieces): void {
    const { closings, tail } = pieces;
    for (let i = 0; i < closings.length; i++) {
      if (!this.opened) this.parts.push(this.parts.length === 1 ? '<' : ' <');
      this.parts.push(closings[i]);
      this.opened = false;
    }
    if (tail !== '') {
      if (!this.opened) this.parts.push(this.parts.length === 1 ? '<' : ' <');
      this.parts.push(tail);
      this.opened = true;
    }
  }

  /**
   * The operator of the runs added since the last call ('' for a line without glyphs). The glyphs
   * after the last adjusted one close with pdfkit's adjustment of their last glyph, 0.
   */
  finish(): string {
    const { parts } = this;
    if (this.opened) parts.push('> 0');
    const operator = parts.length === 1 ? '' : (parts.push('] TJ'), parts.join(''));
    this.reset();
    return operator;
  }

  /** Forgets the runs added (a line given up halfway). */
  reset(): void {
    this.parts.length = 1;
    this.opened = false;
  }
}
