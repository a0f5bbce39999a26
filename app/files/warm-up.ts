// The `@` picker's first narrowed key used to run cold. The first key had V8
// optimise the scan for one-character queries only; the second took code
// paths the optimised code had never seen (scoreV1's loops for longer
// patterns, the narrowed scan), so it was deoptimised and ~100,000 paths were
// scanned in the interpreter while the engine compiled again: 44–56 ms of
// CPU for the second key against ~2 ms for the later ones. Searching the
// first few hundred listed paths once, as soon as they are listed (early in
// the build, or in a saved listing's load: before the popup's first keys
// when it can), gives the engine the feedback of every path through the
// search (narrowed and not, smart case, the tie-breaks of an unsorted list)
// and time to optimise it, off the user's keys. The searches run one per
// slice of the index's background work; their CPU, the engine's compiling
// included, is about what they save the first keys.
import { Narrowing, searchPaths, type PreparedPaths } from './fuzzy.js';

/** How many paths the warm-up searches: enough calls for the engine to optimise, few enough for one slice. */
export const WARM_PATHS = 500;

let warmed = false;

/** The warm-up's searches over the first WARM_PATHS of `prepared`, to run one at a time; none after the first call in a process. */
export function warmUp(prepared: PreparedPaths): (() => void)[] {
  if (warmed || prepared.paths.length === 0) return [];
  warmed = true;
  // Slices keep the lists' element kinds, so the feedback is the real lists'.
  const list = { paths: prepared.paths.slice(0, WARM_PATHS), lower: prepared.lower.slice(0, WARM_PATHS) };
  const sample = list.lower[list.lower.length >> 1]!;
  const typed = sample.slice(0, 6);
  const searches: (() => void)[] = [];
  // A query typed key by key, as the popup narrows it.
  const narrowing = new Narrowing();
  for (let i = 1; i <= typed.length; i++) searches.push(() => void searchPaths(list, typed.slice(0, i), 8, narrowing));
  // A query with gaps, a case-sensitive one, and one over a list still unsorted.
  const gapped = sample.replace(/[^a-z0-9]/g, '').split('').filter((_, i) => i % 2 === 0).join('').slice(0, 4);
  if (gapped) searches.push(() => void searchPaths(list, gapped, 8, new Narrowing()));
  searches.push(() => void searchPaths(list, typed.toUpperCase(), 8, new Narrowing()));
  searches.push(() => void searchPaths({ ...list, ordered: false }, typed.slice(0, 2), 8, new Narrowing()));
  return searches;
}
