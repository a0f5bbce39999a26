// fzf's scoring for the `@` picker: the constants and character classes both
// stages share, and v2 (the optimal alignment: the best-scoring way to place
// the pattern's characters in the text) for ASCII text and patterns, computing
// the same scores and positions as the fzf package's `fuzzy: 'v2'` (its
// fuzzyMatchV2, smart case, no normalisation). The package converts each
// candidate to an array of code points, walks typed arrays through iterators
// and builds a Set and an object per candidate: ~5 ms of CPU per key for 128
// candidates warm, twice that cold. Here the work is plain loops over
// reused buffers, and positions are traced for the shown rows only.

export const SCORE_MATCH = 16;
export const SCORE_GAP_START = -3;
export const SCORE_GAP_EXTENSION = -1;
export const BONUS_BOUNDARY = SCORE_MATCH / 2;
const BONUS_NON_WORD = SCORE_MATCH / 2;
const BONUS_CAMEL_123 = BONUS_BOUNDARY + SCORE_GAP_EXTENSION;
export const BONUS_CONSECUTIVE = -(SCORE_GAP_START + SCORE_GAP_EXTENSION);
export const BONUS_FIRST_CHAR_MULTIPLIER = 2;

/**
 * The package scores a text and pattern whose cells (length × length) exceed
 * its scratch slab with v1 instead; such candidates go to the package.
 */
export const V2_MAX_CELLS = 100 * 1024;

export const enum CharClass { NonWord, Lower, Upper, Number }

export function classOf(code: number): CharClass {
  if (code >= 97 && code <= 122) return CharClass.Lower;
  if (code >= 65 && code <= 90) return CharClass.Upper;
  if (code >= 48 && code <= 57) return CharClass.Number;
  return code > 127 ? CharClass.Lower : CharClass.NonWord;
}

export function bonusFor(prev: CharClass, cur: CharClass): number {
  if (prev === CharClass.NonWord && cur !== CharClass.NonWord) return BONUS_BOUNDARY;
  if ((prev === CharClass.Lower && cur === CharClass.Upper) || (prev !== CharClass.Number && cur === CharClass.Number)) {
    return BONUS_CAMEL_123;
  }
  return cur === CharClass.NonWord ? BONUS_NON_WORD : 0;
}

export const isAscii = (s: string): boolean => !/[^\x00-\x7f]/.test(s);

// Reused scratch: the folded text, each column's bonus, row 0, and the full
// score and run-length matrices (rows: pattern characters; columns: the span
// from the first character's first occurrence to the last one's last).
// Scores live in 16-bit cells as in the package.
let T = new Int32Array(256);
let B = new Int16Array(256);
let H = new Int16Array(1024);
let C = new Int16Array(1024);
let F = new Int32Array(64);

/**
 * v2 score of `text` for `pattern` (ASCII both; `pattern` lower case unless
 * `caseSensitive`), or -1 when it does not match. With `positions`, the
 * matched indices go there, ascending.
 */
export function scoreV2(text: string, pattern: string, caseSensitive: boolean, positions?: number[]): number {
  const m = pattern.length;
  const n = text.length;
  if (m === 0 || m > n) return -1;
  if (T.length < n) {
    T = new Int32Array(n * 2);
    B = new Int16Array(n * 2);
  }
  if (F.length < m) F = new Int32Array(m * 2);
  // The first occurrence of the first character; the class before it decides its bonus.
  const p0 = pattern.charCodeAt(0);
  let start = 0;
  while (start < n && fold(text.charCodeAt(start), caseSensitive) !== p0) start++;
  if (start === n) return -1;
  let prevClass = start > 0 ? classOf(text.charCodeAt(start - 1)) : CharClass.NonWord;
  // Row 0 (scores of the first character alone), the first greedy occurrence
  // of each character (F), and the last occurrence of the last one (last).
  let pidx = 0;
  let last = 0;
  let best = 0;
  let bestAt = 0;
  for (let col = start; col < n; col++) {
    const raw = text.charCodeAt(col);
    const cls = classOf(raw);
    const code = !caseSensitive && cls === CharClass.Upper ? raw + 32 : raw;
    T[col] = code;
    const bonus = bonusFor(prevClass, cls);
    B[col] = bonus;
    prevClass = cls;
    if (code === pattern.charCodeAt(pidx < m ? pidx : m - 1)) {
      if (pidx < m) F[pidx++] = col;
      last = col;
    }
    if (m === 1 && code === p0) {
      const score = SCORE_MATCH + bonus * BONUS_FIRST_CHAR_MULTIPLIER;
      if (score > best) {
        best = score;
        bestAt = col;
        if (bonus === BONUS_BOUNDARY) break; // no later occurrence scores higher
      }
    }
  }
  if (pidx !== m) return -1;
  if (m === 1) {
    positions?.push(bestAt);
    return best;
  }
  const f0 = F[0]!;
  const width = last - f0 + 1;
  if (H.length < width * m) {
    H = new Int16Array(width * m * 2);
    C = new Int16Array(width * m * 2);
  }
  fillRow0(f0, last, p0);
  best = 0;
  bestAt = 0;
  for (let row = 1; row < m; row++) {
    const found = fillRow(row, pattern.charCodeAt(row), F[row]!, f0, last, width, row === m - 1);
    if (found >= 0) {
      best = bestScore;
      bestAt = found;
    }
  }
  if (positions) trace(m, bestAt, f0, width, positions);
  return best;
}

const fold = (code: number, caseSensitive: boolean): number => (!caseSensitive && code >= 65 && code <= 90 ? code + 32 : code);

function fillRow0(f0: number, last: number, p0: number): void {
  let inGap = false;
  let prev = 0;
  for (let col = f0, at = 0; col <= last; col++, at++) {
    if (T[col] === p0) {
      prev = SCORE_MATCH + B[col]! * BONUS_FIRST_CHAR_MULTIPLIER;
      C[at] = 1;
      inGap = false;
    } else {
      prev = Math.max(prev + (inGap ? SCORE_GAP_EXTENSION : SCORE_GAP_START), 0);
      C[at] = 0;
      inGap = true;
    }
    H[at] = prev;
  }
}

/** The best score of the last row, set by fillRow when it returns a column. */
let bestScore = 0;

/** Fills row `row` from column `from`; for the last row, returns the first column with its best score (-1 otherwise). */
function fillRow(row: number, pc: number, from: number, f0: number, last: number, width: number, isLast: boolean): number {
  const base = row * width - f0;
  const up = base - width;
  let inGap = false;
  let best = 0;
  let bestAt = -1;
  H[base + from - 1] = 0;
  for (let col = from; col <= last; col++) {
    const s2: number = H[base + col - 1]! + (inGap ? SCORE_GAP_EXTENSION : SCORE_GAP_START);
    let s1 = 0;
    let run = 0;
    if (T[col] === pc) {
      s1 = H[up + col - 1]! + SCORE_MATCH;
      let b = B[col]!;
      run = C[up + col - 1]! + 1;
      if (b === BONUS_BOUNDARY) run = 1;
      else if (run > 1) b = Math.max(b, BONUS_CONSECUTIVE, B[col - run + 1]!);
      if (s1 + b < s2) {
        s1 += B[col]!;
        run = 0;
      } else s1 += b;
    }
    C[base + col] = run;
    inGap = s1 < s2;
    const score = Math.max(s1, s2, 0);
    if (isLast && score > best) {
      best = score;
      bestAt = col;
    }
    H[base + col] = score;
  }
  bestScore = best;
  return bestAt;
}

/** Walks back from the best cell of the last row, preferring matches, as the package does. */
function trace(m: number, end: number, f0: number, width: number, positions: number[]): void {
  const found: number[] = [];
  let i = m - 1;
  let j = end;
  let preferMatch = true;
  for (;;) {
    const at = i * width + j - f0;
    const s = H[at]!;
    const s1 = i > 0 && j >= F[i]! ? H[at - width - 1]! : 0;
    const s2 = j > F[i]! ? H[at - 1]! : 0;
    const row = i;
    if (s > s1 && (s > s2 || (s === s2 && preferMatch))) {
      found.push(j);
      if (i === 0) break;
      i--;
    }
    // The cell below-right belongs to the row under `row` only from that row's first column on.
    const below = row + 1 < m && j + 1 >= F[row + 1]! ? C[at + width + 1]! : 0;
    preferMatch = C[at]! > 1 || below > 0;
    j--;
  }
  for (let k = found.length - 1; k >= 0; k--) positions.push(found[k]!);
}
