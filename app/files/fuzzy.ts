// Fuzzy file ranking for the `@` picker, in two stages:
// 1. a tight scan over every path: a subsequence test, then fzf's v1 scoring
//    (greedy alignment, forward and backward, with boundary/camel/consecutive
//    bonuses and gap penalties) keeps the best few hundred candidates;
// 2. fzf's v2 (optimal alignment) re-ranks those candidates and gives the
//    matched positions the popup shows in bold: fzf-score.ts for ASCII, the
//    `fzf` package itself when a candidate or the query is not ASCII (its
//    case folding and character classes beyond ASCII are its own).
// The package alone costs 50–250 ms per query on 100,000 paths; the two stages
// take a few milliseconds. Stage 1 can drop a path whose v2 score is much better
// than its v1 score, so the top 8 agree with the package's own top 8 for most,
// not all, queries: bench/file-search measures how often.
import { Fzf, type FzfResultItem } from 'fzf';
import {
  BONUS_BOUNDARY, BONUS_CONSECUTIVE, BONUS_FIRST_CHAR_MULTIPLIER, CharClass, SCORE_GAP_EXTENSION, SCORE_GAP_START, SCORE_MATCH,
  V2_MAX_CELLS, bonusFor, classOf, isAscii, scoreV2,
} from './fzf-score.js';

/** How many stage-1 candidates stage 2 re-ranks. */
const CANDIDATES = 128;

/** scoreV1's answer when `pattern` is not a subsequence of `text`. */
export const NO_MATCH = Number.NEGATIVE_INFINITY;

/** A path list prepared once per index update. */
export interface PreparedPaths {
  readonly paths: readonly string[];
  readonly lower: readonly string[];
  /** False while the list is not sorted yet (an index being built): ties are then broken by comparing paths. */
  readonly ordered?: boolean;
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

// The loops over every path live in small functions of their own, each
// called with the same types every time: the engine optimises them on entry.
// One function holding several loops, optimised mid-loop, deoptimised at
// every code path the loop had not reached yet, each key, cold (~4× the CPU).

/** Scores every text; the matches' indices go to `matched`, their scores to `scores`. Returns how many matched. */
function scanAll(texts: readonly string[], query: string, matched: Int32Array, scores: Int32Array): number {
  let n = 0;
  for (let i = 0; i < texts.length; i++) {
    const s = scoreV1(texts[i]!, query);
    if (s === NO_MATCH) continue;
    matched[n] = i;
    scores[n++] = s;
  }
  return n;
}

/** scanAll over the texts `within` lists only. */
function scanWithin(texts: readonly string[], within: Int32Array, query: string, matched: Int32Array, scores: Int32Array): number {
  let n = 0;
  for (let k = 0; k < within.length; k++) {
    const i = within[k]!;
    const s = scoreV1(texts[i]!, query);
    if (s === NO_MATCH) continue;
    matched[n] = i;
    scores[n++] = s;
  }
  return n;
}

/** The lowest score the CANDIDATES best of the first `n` scores reach (negative scores count as 0). */
function thresholdOf(scores: Int32Array, n: number): number {
  let max = 0;
  for (let k = 0; k < n; k++) if (scores[k]! > max) max = scores[k]!;
  const counts = new Uint32Array(max + 1);
  for (let k = 0; k < n; k++) {
    const sc = scores[k]!;
    counts[sc > 0 ? sc : 0]!++;
  }
  let threshold = max;
  for (let above = 0; threshold > 0 && above + counts[threshold]! < CANDIDATES; threshold--) above += counts[threshold]!;
  return threshold;
}

/**
 * Indices of the CANDIDATES best of the first `n` matches: those above the
 * threshold, then ties at it by path (index order when the list is sorted,
 * else compared).
 */
function pickTop(prepared: PreparedPaths, matched: Int32Array, scores: Int32Array, n: number): number[] {
  const top: number[] = [];
  if (n <= CANDIDATES) {
    for (let k = 0; k < n; k++) top.push(matched[k]!);
    return top;
  }
  const ordered = prepared.ordered ?? true;
  const tied: number[] = [];
  collect(matched, scores, n, thresholdOf(scores, n), top, tied, ordered ? CANDIDATES : n);
  const first = ordered ? tied : firstByPath(tied, CANDIDATES - top.length, prepared.paths);
  for (let k = 0; top.length < CANDIDATES && k < first.length; k++) top.push(first[k]!);
  return top;
}

/** The matches scoring above `threshold` go to `top`, the first `cap` at it to `tied`. */
function collect(matched: Int32Array, scores: Int32Array, n: number, threshold: number, top: number[], tied: number[], cap: number): void {
  for (let k = 0; k < n; k++) {
    const sc = scores[k]! > 0 ? scores[k]! : 0;
    if (sc > threshold) top.push(matched[k]!);
    else if (sc === threshold && tied.length < cap) tied.push(matched[k]!);
  }
}

/** The `k` of `indices` whose paths come first, in path order. */
function firstByPath(indices: readonly number[], k: number, paths: readonly string[]): number[] {
  const best: number[] = [];
  for (const i of indices) {
    const path = paths[i]!;
    if (best.length === k && path >= paths[best[k - 1]!]!) continue;
    let at = best.length;
    while (at > 0 && path < paths[best[at - 1]!]!) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
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
  const n = within ? scanWithin(texts, within, query, matched, scratchScores) : scanAll(texts, query, matched, scratchScores);
  if (narrowing) {
    narrowing.query = query;
    narrowing.matched = matched.subarray(0, n);
  }
  const top = pickTop(prepared, matched, scratchScores, n);
  if (top.length === 0) return [];
  // Stage 2: fzf's v2 ranking and positions over the candidates.
  return rankAscii(prepared.paths, top, query, limit) ?? rankWithPackage(prepared.paths, top, query, limit);
}

/** Stage 2 through fzf-score.ts; undefined when the query or a candidate is beyond it (not ASCII, or too long). */
function rankAscii(paths: readonly string[], top: readonly number[], query: string, limit: number): FileMatch[] | undefined {
  if (!isAscii(query)) return undefined;
  const caseSensitive = query !== query.toLowerCase();
  // The best `limit` (score descending, then path), kept sorted by insertion.
  const best: number[] = [];
  const scores: number[] = [];
  for (const i of top) {
    const path = paths[i]!;
    if (path.length * query.length > V2_MAX_CELLS || !isAscii(path)) return undefined;
    const score = scoreV2(path, query, caseSensitive);
    if (score < 0) continue;
    let at = best.length;
    while (at > 0 && (scores[at - 1]! < score || (scores[at - 1] === score && paths[best[at - 1]!]! > path))) at--;
    if (at >= limit) continue;
    best.splice(at, 0, i);
    scores.splice(at, 0, score);
    if (best.length > limit) {
      best.pop();
      scores.pop();
    }
  }
  return best.map((i, k) => {
    const positions: number[] = [];
    scoreV2(paths[i]!, query, caseSensitive, positions);
    return { path: paths[i]!, score: scores[k]!, positions };
  });
}

function rankWithPackage(paths: readonly string[], top: readonly number[], query: string, limit: number): FileMatch[] {
  const candidates: string[] = [];
  for (const i of top) candidates.push(paths[i]!);
  const fzf = new Fzf(candidates, {
    casing: 'smart-case',
    normalize: false,
    fuzzy: 'v2',
    limit,
    tiebreakers: [byPath],
  });
  const ranked: FzfResultItem<string>[] = fzf.find(query);
  const out: FileMatch[] = [];
  for (const r of ranked) out.push({ path: r.item, score: r.score, positions: codePointToUtf16(r.item, [...r.positions].sort(ascending)) });
  return out;
}

const ascending = (a: number, b: number): number => a - b;

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
