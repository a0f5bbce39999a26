// Text measurement for the cell grid: graphemes (Intl.Segmenter), their display
// width in terminal columns (string-width: CJK, emoji, ZWJ, combining marks),
// truncation and word wrapping of styled spans. ASCII takes a fast path because
// almost all text is ASCII and segmenting it is needlessly slow.
import type { Line, Span, Style } from './types.js';

// string-width costs ~50 ms to load, a third of the TUI's start-up, and the
// first frame needs only characters `quickWidth` knows; it is loaded on the
// first grapheme outside those ranges. node:module too (~0.35 ms: it brings
// Node's ES module loader), so it is not imported at the top.
let stringWidth: ((s: string) => number) | undefined;
function loadStringWidth(): (s: string) => number {
  if (stringWidth) return stringWidth;
  const { createRequire } = process.getBuiltinModule('node:module');
  return (stringWidth = (createRequire(import.meta.url)('string-width') as { default: (s: string) => number }).default);
}

/**
 * Width of single code points in ranges with no zero-width or ambiguous-emoji
 * members (Latin, punctuation, arrows, box drawing, braille, kana, CJK,
 * Hangul, fullwidth forms); undefined elsewhere. A test checks it against
 * string-width for every code point it answers.
 */
export function quickWidth(cp: number): 1 | 2 | undefined {
  if (cp < 0x7f) return cp >= 0x20 ? 1 : undefined;
  if (cp < 0xa0) return undefined;
  if (cp <= 0x24f) return cp === 0xad ? undefined : 1;
  if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) || (cp >= 0x2190 && cp <= 0x21ff)) return 1;
  if (cp >= 0x2300 && cp <= 0x23ff) return WIDE_23XX.has(cp) ? 2 : 1;
  if ((cp >= 0x2500 && cp <= 0x25fc) || (cp >= 0x2800 && cp <= 0x28ff)) return 1;
  if ((cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a0 && cp <= 0x30ff)) return 2;
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xff01 && cp <= 0xff60)) return 2;
  return undefined;
}
const WIDE_23XX = new Set([0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ea, 0x23eb, 0x23ec, 0x23f0, 0x23f3]);

// Made on first use: constructing a segmenter loads ICU's break rules (~11 ms
// of CPU), which a first frame of plain text never needs.
let segmenter: Intl.Segmenter | undefined;
export const graphemeSegmenter = (): Intl.Segmenter => (segmenter ??= new Intl.Segmenter());
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Text of printable ASCII only: one code unit per grapheme, each one column wide. */
export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}
// BMP ranges in which every code point is its own grapheme (no combining
// marks, joiners, variation selectors or surrogates): box drawing, arrows,
// punctuation, Latin-1, kana, CJK, Hangul syllables. Text made only of these
// is split by code unit instead of segmented.
const SIMPLE = /^[\x20-\x7e\u00a0-\u024f\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2500-\u27bf\u3000-\u3029\u3030-\u303f\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60]*$/;
// C0/C1 controls and DEL never reach the grid: model output may contain escape
// sequences, and writing them would corrupt the terminal.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const TAB_WIDTH = 4;

const widthCache = new Map<string, number>();

/** Columns one grapheme occupies: 0 (zero-width), 1 or 2. */
export function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
  }
  if (g.length === 1) {
    const q = quickWidth(g.charCodeAt(0));
    if (q !== undefined) return q;
  }
  let w = widthCache.get(g);
  if (w === undefined) {
    w = Math.min(2, loadStringWidth()(g));
    if (widthCache.size > 10_000) widthCache.clear();
    widthCache.set(g, w);
  }
  return w;
}

/** Printable text: tabs become spaces, newlines become spaces, controls are dropped. */
export function sanitize(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(/\t/g, ' '.repeat(TAB_WIDTH)).replace(/\r?\n/g, ' ').replace(CONTROL, '');
}

/** The grapheme clusters of printable text (see `sanitize`). */
export function graphemes(text: string): string[] {
  // One code point (the composer and grid write cell by cell): no segmenting.
  if (text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff)) {
    return text.charCodeAt(0) < 0x20 || (text.charCodeAt(0) >= 0x7f && text.charCodeAt(0) < 0xa0) ? graphemes(sanitize(text)) : [text];
  }
  if (SIMPLE.test(text)) return text.split('');
  const clean = sanitize(text);
  if (SIMPLE.test(clean)) return clean.split('');
  const out: string[] = [];
  for (const s of graphemeSegmenter().segment(clean)) out.push(s.segment);
  return out;
}

/** Columns the text occupies on one line. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let w = 0;
  for (const g of graphemes(text)) w += graphemeWidth(g);
  return w;
}

export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += displayWidth(s.text);
  return w;
}

/** Text cut to `width` columns; when cut, the last column is the ellipsis. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  const clean = sanitize(text);
  const ew = displayWidth(ellipsis);
  if (PRINTABLE_ASCII.test(clean)) return clean.length <= width ? clean : ew > width ? '' : clean.slice(0, width - ew) + ellipsis;
  // One pass that stops as soon as the text is known not to fit: a long value
  // (a pasted model name, a huge path) costs its first `width` columns, not its length.
  let kept = '';
  let keeping = true;
  let w = 0;
  for (const g of lazyGraphemes(clean)) {
    const gw = graphemeWidth(g);
    if (w + gw > width) return ew > width ? '' : kept + ellipsis;
    if (keeping && w + gw <= width - ew) kept += g;
    else keeping = false;
    w += gw;
  }
  return clean;
}

/** The graphemes of sanitized text one at a time, for callers that may stop early. */
function* lazyGraphemes(clean: string): Generator<string> {
  if (SIMPLE.test(clean)) {
    for (let i = 0; i < clean.length; i++) yield clean[i]!;
    return;
  }
  for (const s of graphemeSegmenter().segment(clean)) yield s.segment;
}

/** A styled line cut to `width` columns, with an ellipsis (in the last span's style) when cut. */
export function truncateLine(line: Line, width: number, ellipsis = '…'): Line {
  if (lineWidth(line) <= width) return line;
  const ew = displayWidth(ellipsis);
  const out: Line = [];
  let left = width - ew;
  let lastStyle: Style | undefined;
  for (const span of line) {
    if (left <= 0) break;
    const fits = displayWidth(span.text) <= left;
    const piece = fits ? sanitize(span.text) : takeColumns(span.text, left);
    if (piece) out.push(withText(span, piece));
    lastStyle = span.style;
    left -= displayWidth(piece);
    if (!fits) break;
  }
  if (width >= ew) out.push(lastStyle ? { text: ellipsis, style: lastStyle } : { text: ellipsis });
  return out;
}

/** The longest prefix of `text` that fits in `cols` columns. */
export function takeColumns(text: string, cols: number): string {
  let out = '';
  let w = 0;
  for (const g of graphemes(text)) {
    const gw = graphemeWidth(g);
    if (w + gw > cols) break;
    out += g;
    w += gw;
  }
  return out;
}

function withText(span: Span, text: string): Span {
  return span.style ? { text, style: span.style } : { text };
}

interface Glyph { g: string; w: number; style: Style | undefined }

/**
 * Word-wraps one logical line to `width` columns. Breaks after spaces; a word
 * longer than the width is broken between graphemes (a wide glyph wider than
 * the whole width gets a row of its own); `\n` forces a break.
 * Spaces at a soft break are dropped. Styles are kept per span. Always returns
 * at least one (possibly empty) line.
 */
export function wrapLine(line: Line, width: number): Line[] {
  const w = Math.max(1, width);
  const rows: Glyph[][] = [];
  let row: Glyph[] = [];
  let rowW = 0;
  let breakAt = -1; // index in row of the last break opportunity (after a space, around a wide glyph)
  let soft = false; // the current row continues a wrapped one
  const pushRow = (isSoft: boolean): void => {
    rows.push(row);
    row = [];
    rowW = 0;
    breakAt = -1;
    soft = isSoft;
  };
  for (const span of line) {
    const parts = span.text.split('\n');
    parts.forEach((part, pi) => {
      if (pi > 0) pushRow(false);
      for (const g of graphemes(part)) {
        const gw = graphemeWidth(g);
        if (gw === 0) continue;
        if (rowW + gw > w) {
          if (g === ' ') {
            // A space at the edge is the break itself.
            pushRow(true);
            continue;
          }
          // Break after the last space, unless only spaces precede it (that would leave an empty row).
          if (breakAt > 0 && row.slice(0, breakAt).some((x) => x.g !== ' ')) {
            const rest = row.slice(breakAt);
            row = row.slice(0, breakAt);
            while (row.length && row[row.length - 1]!.g === ' ') row.pop();
            pushRow(true);
            row = rest;
            rowW = rest.reduce((n, x) => n + x.w, 0);
          }
          // The carried word and this grapheme may still not fit: break between graphemes.
          if (rowW + gw > w && row.length) pushRow(true);
        }
        // Spaces at the start of a wrapped continuation are swallowed.
        if (g === ' ' && soft && row.length === 0) continue;
        // CJK text has no spaces: a line may break before and after any wide (ideographic) glyph.
        if (gw === 2 && row.length) breakAt = row.length;
        row.push({ g, w: gw, style: span.style });
        rowW += gw;
        if (g === ' ' || gw === 2) breakAt = row.length;
      }
    });
  }
  rows.push(row);
  return rows.map(toSpans);
}

function toSpans(row: Glyph[]): Line {
  const out: Line = [];
  let cur: Span | undefined;
  for (const { g, style } of row) {
    if (cur && cur.style === style) cur.text += g;
    else {
      cur = style ? { text: g, style } : { text: g };
      out.push(cur);
    }
  }
  return out;
}

/** Wraps plain text (which may contain newlines) in one style. */
export function wrapText(text: string, width: number, style?: Style): Line[] {
  return wrapLine([style ? { text, style } : { text }], width);
}
