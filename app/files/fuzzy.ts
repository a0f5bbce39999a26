// Fuzzy file ranking for the `@` picker, in two stages:
// 1. a tight scan over every path: a subsequence test, then fzf's v1 scoring
//    (greedy alignment, forward and backward, with boundary/camel/consecutive
//    bonuses and gap penalties) keeps the best few hundred candidates;
// 2. the `fzf` package (v2, optimal alignment) re-ranks those candidates and
//    returns the matched positions the popup shows in bold.
// The package alone costs 50–250 ms per query on 100,000 paths; the two stages
// take a few milliseconds. Stage 1 can drop a path whose v2 score is much better
// than its v1 score, so the top 8 agree with the package's own top 8 for most,
// not all, queries: bench/file-search measures how often.
import { Fzf, type FzfResultItem } from 'fzf';

const SCORE_MATCH = 16;
const SCORE_GAP_START = -3;
const SCORE_GAP_EXTENSION = -1;
const BONUS_BOUNDARY = SCORE_MATCH / 2;
const BONUS_NON_WORD = SCORE_MATCH / 2;
const BONUS_CAMEL_123 = BONUS_BOUNDARY + SCORE_GAP_EXTENSION;
const BONUS_CONSECUTIVE = -(SCORE_GAP_START + SCORE_GAP_EXTENSION);
const BONUS_FIRST_CHAR_MULTIPLIER = 2;
/** How many stage-1 candidates stage 2 re-ranks. */
const CANDIDATES = 128;

/** scoreV1's answer when `pattern` is not a subsequence of `text`. */
export const NO_MATCH = Number.NEGATIVE_INFINITY;

const enum CharClass { NonWord, Lower, Upper, Number }

function classOf(code: number): CharClass {
  if (code >= 97 && code <= 122) return CharClass.Lower;
  if (code >= 65 && code <= 90) return CharClass.Upper;
  if (code >= 48 && code <= 57) return CharClass.Number;
  return code > 127 ? CharClass.Lower : CharClass.NonWord;
}

function bonusFor(prev: CharClass, cur: CharClass): number {
  if (prev === CharClass.NonWord && cur !== CharClass.NonWord) return BONUS_BOUNDARY;
  if ((prev === CharClass.Lower && cur === CharClass.Upper) || (prev !== CharClass.Number && cur === CharClass.Number)) {
    return BONUS_CAMEL_123;
  }
  return cur === CharClass.NonWord ? BONUS_NON_WORD : 0;
}

/** A path list prepared once per index update. */
export interface PreparedPaths {
  readonly paths: readonly string[];
  readonly lower: readonly string[];
}

/** Sorted once here, so that index order is path order and ties need no sorting per query. */
export function preparePaths(paths: readonly string[]): PreparedPaths {
  const sorted = [...paths].sort();
  return { paths: sorted, lower: sorted.map((p) => p.toLowerCase()) };
}

export interface FileMatch {
  readonly path: string;
  readonly score: number;
  /** Indices (UTF-16) of the matched characters, ascending. */
  readonly positions: number[];
}

/** fzf's score of the window [start, end) of `text` for `pattern` (greedy alignment inside it). */
function scoreWindow(text: string, pattern: string, start: number, end: number): number {
  const m = pattern.length;
  let pi: number;
  let score = 0;
  let inGap = false;
  let consecutive = 0;
  let firstBonus = 0;
  pi = 0;
  let prev = start > 0 ? classOf(text.charCodeAt(start - 1)) : CharClass.NonWord;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const cls = classOf(code);
    if (pi < m && code === pattern.charCodeAt(pi)) {
      score += SCORE_MATCH;
      let bonus = bonusFor(prev, cls);
      if (consecutive === 0) firstBonus = bonus;
      else {
        if (bonus === BONUS_BOUNDARY) firstBonus = bonus;
        bonus = Math.max(bonus, firstBonus, BONUS_CONSECUTIVE);
      }
      score += pi === 0 ? bonus * BONUS_FIRST_CHAR_MULTIPLIER : bonus;
      inGap = false;
      consecutive++;
      pi++;
    } else {
      score += inGap ? SCORE_GAP_EXTENSION : SCORE_GAP_START;
      inGap = true;
      consecutive = 0;
      firstBonus = 0;
    }
    prev = cls;
  }
  return score;
}

/**
 * fzf v1 score of `text` for `pattern` (both already case-folded as the search
 * requires), or NO_MATCH; a real match may score below zero when gaps are
 * long. The better of the forward scan (first occurrence, shrunk
 * from the right) and the backward scan (last occurrence, shrunk from the
 * left). The backward one finds matches in the file name, where fzf's optimal
 * (v2) alignment usually lies, so the two together rarely miss v2's best.
 */
export function scoreV1(text: string, pattern: string): number {
  const m = pattern.length;
  // Forward: the first occurrence of the pattern as a subsequence (indexOf is native and fast).
  let start = text.indexOf(pattern[0]!);
  if (start < 0) return NO_MATCH;
  let end = start;
  for (let pi = 1; pi < m; pi++) {
    end = text.indexOf(pattern[pi]!, end + 1);
    if (end < 0) return NO_MATCH;
  }
  end++;
  let pi = m - 1;
  for (let i = end - 1; i >= start; i--) {
    if (text.charCodeAt(i) === pattern.charCodeAt(pi) && --pi < 0) {
      start = i;
      break;
    }
  }
  const forward = scoreWindow(text, pattern, start, end);
  if (end - start === m) return forward; // gapless: the backward scan rarely wins, and it is a third of the cost
  // Backward: the last occurrence, then the earliest end from its start.
  let bStart = text.lastIndexOf(pattern[m - 1]!);
  const bLast = bStart;
  for (let i = m - 2; i >= 0; i--) bStart = text.lastIndexOf(pattern[i]!, bStart - 1);
  if (bStart < 0) return forward;
  let bEnd = bStart;
  for (let i = 1; i < m; i++) bEnd = text.indexOf(pattern[i]!, bEnd + 1);
  if (bStart === start && bEnd + 1 === end) return forward;
  return Math.max(forward, scoreWindow(text, pattern, bStart, Math.min(bEnd, bLast) + 1));
}

const byPath = (a: FzfResultItem<string>, b: FzfResultItem<string>): number =>
  a.item < b.item ? -1 : a.item > b.item ? 1 : 0;

/** Indices of the CANDIDATES best of the first `n` matches: above a score threshold found by counting, ties at it by path (index order). */
function pickTop(matched: Int32Array, scores: Int32Array, n: number, max: number): number[] {
  if (n <= CANDIDATES) return Array.from(matched.subarray(0, n));
  const counts = new Uint32Array(Math.max(0, max) + 2);
  for (let k = 0; k < n; k++) counts[Math.max(0, scores[k]!)]!++;
  let threshold = max;
  for (let above = 0; threshold > 0 && above + counts[threshold]! < CANDIDATES; threshold--) above += counts[threshold]!;
  const top: number[] = [];
  const tied: number[] = [];
  for (let k = 0; k < n; k++) {
    const sc = Math.max(0, scores[k]!);
    if (sc > threshold) top.push(matched[k]!);
    else if (sc === threshold) tied.push(matched[k]!);
  }
  return top.concat(tied.slice(0, CANDIDATES - top.length));
}

/**
 * What the previous search over the same list matched. A query that extends
 * it can only match a subset (a subsequence of the longer query is one of the
 * shorter; a case-sensitive match is also a case-insensitive one), so the next
 * key scans those paths only. The caller makes a new one when the list changes.
 * Two buffers take turns: a search reads the last matches from one and writes
 * its own into the other, so typing allocates nothing per key.
 */
export class Narrowing {
  query = '';
  matched: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private spare: Int32Array<ArrayBufferLike> = new Int32Array(0);

  /** A buffer of at least `size` that `matched` does not use. */
  take(size: number): Int32Array<ArrayBufferLike> {
    if (this.spare.length < size) this.spare = new Int32Array(size);
    const out = this.spare;
    this.spare = this.matched.buffer === out.buffer ? new Int32Array(0) : new Int32Array(this.matched.buffer);
    return out;
  }
}

/** Scratch space for searches without a Narrowing, and for scores: reused, never shrunk. */
let scratchMatched = new Int32Array(0);
let scratchScores = new Int32Array(0);

/** The best `limit` paths for `query`: score descending, then path ascending. Smart case. */
export function searchPaths(prepared: PreparedPaths, query: string, limit = 8, narrowing?: Narrowing): FileMatch[] {
  if (!query) return [];
  const caseSensitive = query !== query.toLowerCase();
  const texts = caseSensitive ? prepared.paths : prepared.lower;
  // Stage 1: score every path, then keep the CANDIDATES best (ties by path)
  // through a histogram of scores, with no per-match sorting.
  const within = narrowing?.query && query.startsWith(narrowing.query) ? narrowing.matched : undefined;
  const total = within ? within.length : texts.length;
  let matched: Int32Array;
  if (narrowing) matched = narrowing.take(total);
  else {
    if (scratchMatched.length < total) scratchMatched = new Int32Array(total);
    matched = scratchMatched;
  }
  if (scratchScores.length < total) scratchScores = new Int32Array(total);
  const scores = scratchScores;
  let n = 0;
  let max = 0;
  for (let k = 0; k < total; k++) {
    const i = within ? within[k]! : k;
    const s = scoreV1(texts[i]!, query);
    if (s === NO_MATCH) continue;
    matched[n] = i;
    scores[n++] = s;
    if (s > max) max = s;
  }
  if (narrowing) {
    narrowing.query = query;
    narrowing.matched = matched.subarray(0, n);
  }
  const top = pickTop(matched, scores, n, max);
  if (top.length === 0) return [];
  // Stage 2: the fzf package's v2 ranking and positions over the candidates.
  const fzf = new Fzf(top.map((i) => prepared.paths[i]!), {
    casing: 'smart-case',
    normalize: false,
    fuzzy: 'v2',
    limit,
    tiebreakers: [byPath],
  });
  const ranked: FzfResultItem<string>[] = fzf.find(query);
  return ranked.map((r) => ({
    path: r.item,
    score: r.score,
    positions: codePointToUtf16(r.item, [...r.positions].sort((a, b) => a - b)),
  }));
}

/** fzf reports positions in code points; the popup indexes UTF-16 strings. */
function codePointToUtf16(text: string, positions: number[]): number[] {
  if (!/[\uD800-\uDBFF]/.test(text)) return positions;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    map.push(i);
    if (text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff) i++;
  }
  return positions.map((p) => map[p] ?? p);
}
