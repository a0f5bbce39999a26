// Property tests draw a new random seed on every run, so each run explores new
// cases, and stay reproducible: fast-check's failure message starts with
// `{ seed: S, path: "…" }`, and `FC_SEED=S` replays exactly that run (same
// cases in the same order, the same shrinking). The counterexample then
// belongs in a fixed example test next to the property.
import type { Parameters } from 'fast-check';

export function randomRuns<Ts>(numRuns: number): Parameters<Ts> {
  const seed = process.env.FC_SEED;
  if (seed === undefined || seed === '') return { numRuns };
  const n = Number(seed);
  if (!Number.isSafeInteger(n)) throw new Error(`FC_SEED: expected the integer seed a failing property printed, got ${JSON.stringify(seed)}`);
  return { numRuns, seed: n };
}
