// The `@` picker's first narrowed key used to run cold: 130–200 ms for the
// second key in a 100,000-file tree, against ~2 ms for the keys after it.
// The first key had V8 optimise the scan for one-character queries only;
// the second took code paths the optimised code had never seen (scoreV1's
// loops for longer patterns, the narrowed scan), so it was deoptimised and
// ~90,000 paths were scanned in the interpreter while the engine compiled
// again. Searching a few thousand of the listed paths, once, after the build
// gives the engine the feedback of every path through the search (narrowed
// and not, smart case, the tie-breaks of an unsorted list) and time to
// optimise it, off the user's keys. It costs a few milliseconds of CPU
// (bench/file-search prints it), in one slice of the index's background work.
import { Narrowing, searchPaths, type PreparedPaths } from './fuzzy.js';

/** How many paths the warm-up searches: enough calls for the engine to optimise, few enough for one slice. */
const WARM_PATHS = 500;

let warmed = false;

/** Runs the search over the first WARM_PATHS of `prepared`, once per process. */
export function warmUp(prepared: PreparedPaths): void {
  if (warmed || prepared.paths.length === 0) return;
  warmed = true;
  // Slices keep the lists' element kinds, so the feedback is the real lists'.
  const paths = prepared.paths.slice(0, WARM_PATHS);
  const lower = prepared.lower.slice(0, WARM_PATHS);
  const sample = lower[lower.length >> 1]!;
  const typed = sample.slice(0, 6);
  // A query typed key by key, as the popup narrows it.
  const narrowing = new Narrowing();
  for (let i = 1; i <= typed.length; i++) searchPaths({ paths, lower }, typed.slice(0, i), 8, narrowing);
  // A query with gaps, a case-sensitive one, and one over a list still unsorted.
  const gapped = sample.replace(/[^a-z0-9]/g, '').split('').filter((_, i) => i % 2 === 0).join('').slice(0, 4);
  if (gapped) searchPaths({ paths, lower }, gapped, 8, new Narrowing());
  searchPaths({ paths, lower }, typed.toUpperCase(), 8, new Narrowing());
  searchPaths({ paths, lower, ordered: false }, typed.slice(0, 2), 8, new Narrowing());
}
