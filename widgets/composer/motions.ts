// Where the caret goes, as pure functions of the text and a string index:
// grapheme steps, vim's word motions (a word is a run of letters, digits and
// `_`, or a run of other non-blank characters) and the ranges operators act
// on (delete or change over a motion or a text object). No state: the text
// area applies them. The names are the keymap's (keymaps/actions.ts
// OPERAND_ACTIONS, OPERATOR_ACTIONS); the TUI checks they agree.

import { graphemeSegmenter } from '../base/text.js';

export const MOTIONS = ['char_left', 'char_right', 'word_next_start', 'word_next_end', 'word_prev_start', 'line_start', 'line_end'] as const;
export type Motion = (typeof MOTIONS)[number];
export const TEXT_OBJECTS = ['inner_word', 'a_word', 'whole_line'] as const;
export type TextObject = (typeof TEXT_OBJECTS)[number];
export type Operand = Motion | TextObject;
export const OPERATORS = ['delete_to', 'change_to'] as const;
export type Operator = (typeof OPERATORS)[number];

// Printable ASCII next to printable ASCII is always a grapheme boundary: the
// keys most edits are made with need no segmenter.
const asciiOrEdge = (text: string, i: number): boolean => i < 0 || i >= text.length || (text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) < 0x7f);

export function prevBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  if (asciiOrEdge(text, i - 1) && asciiOrEdge(text, i - 2)) return i - 1;
  let last = 0;
  for (const s of graphemeSegmenter().segment(text.slice(Math.max(0, i - 64), i))) last = s.index;
  return Math.max(0, i - 64) + last;
}

export function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  if (asciiOrEdge(text, i) && asciiOrEdge(text, i + 1)) return i + 1;
  const seg = graphemeSegmenter().segment(text.slice(i, i + 64))[Symbol.iterator]().next();
  return seg.done ? text.length : i + seg.value.segment.length;
}

export function lineStartIndex(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

export function lineEndIndex(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n;
}

/** 0 blank, 1 punctuation and symbols, 2 word characters. */
function cls(c: string | undefined): 0 | 1 | 2 {
  if (c === undefined || /\s/.test(c)) return 0;
  return /[\p{L}\p{N}_]/u.test(c) ? 2 : 1;
}

/** vim `w`: the start of the next word. */
export function nextWordStart(text: string, i: number): number {
  let j = i;
  const c = cls(text[j]);
  if (c) while (j < text.length && cls(text[j]) === c) j++;
  while (j < text.length && cls(text[j]) === 0) j++;
  return j;
}

/** vim `e`: the last character of this word, or of the next one when already there. */
export function nextWordEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && cls(text[j]) === 0) j++;
  if (j >= text.length) return Math.max(i, text.length - 1);
  const c = cls(text[j]);
  while (j + 1 < text.length && cls(text[j + 1]) === c) j++;
  return j;
}

/** vim `b`: the start of this word, or of the previous one when already there. */
export function prevWordStart(text: string, i: number): number {
  let j = i - 1;
  while (j > 0 && cls(text[j]) === 0) j--;
  if (j <= 0) return 0;
  const c = cls(text[j]);
  while (j > 0 && cls(text[j - 1]) === c) j--;
  return j;
}

export const isTextObject = (a: Operand): a is TextObject => (TEXT_OBJECTS as readonly string[]).includes(a);

/** Where `motion` takes the caret from `i`, `count` times. */
export function motionTarget(text: string, i: number, motion: Motion, count = 1): number {
  let j = i;
  for (let n = 0; n < count; n++) {
    const before = j;
    switch (motion) {
      case 'char_left': j = prevBoundary(text, j); break;
      case 'char_right': j = nextBoundary(text, j); break;
      case 'word_next_start': j = nextWordStart(text, j); break;
      case 'word_next_end': j = nextWordEnd(text, j); break;
      case 'word_prev_start': j = prevWordStart(text, j); break;
      case 'line_start': j = lineStartIndex(text, j); break;
      case 'line_end': j = lineEndIndex(text, j); break;
      default: {
        const _: never = motion;
        return _;
      }
    }
    if (j === before) break;
  }
  return j;
}

/** The run of one character class around `i` (a word, punctuation or blanks). */
function runAround(text: string, i: number): [number, number] {
  const c = cls(text[i]);
  let from = i;
  let to = i;
  while (from > 0 && cls(text[from - 1]) === c && text[from - 1] !== '\n') from--;
  while (to < text.length && cls(text[to]) === c && text[to] !== '\n') to++;
  return [from, to];
}

function objectRange(text: string, i: number, object: TextObject, op: Operator, count: number): [number, number] {
  switch (object) {
    case 'inner_word':
      return runAround(text, i);
    case 'a_word': {
      // The word and the blanks after it (or, at the end of a line, before it).
      const [from, to] = runAround(text, i);
      let end = to;
      while (end < text.length && text[end] !== '\n' && cls(text[end]) === 0) end++;
      if (end > to) return [from, end];
      let start = from;
      while (start > 0 && text[start - 1] !== '\n' && cls(text[start - 1]) === 0) start--;
      return [start, to];
    }
    case 'whole_line': {
      const from = lineStartIndex(text, i);
      let to = i;
      for (let n = 0; n < count; n++) to = lineEndIndex(text, n ? to + 1 : to);
      to = Math.min(to, text.length);
      // Change keeps the line (emptied); delete takes it with its newline, or the one before the last line.
      if (op === 'change_to') return [from, to];
      if (to < text.length) return [from, to + 1];
      return [Math.max(0, from - 1), to];
    }
    default: {
      const _: never = object;
      return _;
    }
  }
}

/** The text `op` acts on from the caret at `i`: over a motion (`count` times) or a text object. */
export function operatorRange(text: string, i: number, op: Operator, what: Operand, count = 1): [number, number] {
  if (isTextObject(what)) return objectRange(text, i, what, op, count);
  let motion: Motion = what;
  // vim: `cw` on a word changes to its end, not up to the next word.
  if (op === 'change_to' && motion === 'word_next_start' && cls(text[i]) !== 0) motion = 'word_next_end';
  const target = motionTarget(text, i, motion, count);
  let from = Math.min(i, target);
  let to = Math.max(i, target);
  // `e` takes the character it lands on.
  if (motion === 'word_next_end' && to < text.length) to = nextBoundary(text, to);
  // A word motion stops at the end of the caret's line rather than joining the next one.
  if (motion === 'word_next_start' || motion === 'word_next_end') to = Math.min(to, Math.max(lineEndIndex(text, from), from + 1));
  from = Math.max(0, from);
  return [from, Math.min(to, text.length)];
}
