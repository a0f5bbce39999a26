// Property tests draw a new random seed on every local run, so each run explores
// new cases, and stay reproducible: fast-check's failure message starts with
// `{ seed: S, path: "…" }`, and `FC_SEED=S` replays exactly that run (same
// cases in the same order, the same shrinking). The counterexample then
// belongs in a fixed example test next to the property. Under CI (`CI` set,
// as .ci/run does) the seed is fixed: the gate that lands a change must not
// fail on a case no change of its made reachable.
import type { Parameters } from 'fast-check';

const CI_SEED = 20261207;

export function randomRuns<Ts>(numRuns: number): Parameters<Ts> {
  const seed = process.env.FC_SEED || (process.env.CI ? String(CI_SEED) : undefined);
  if (seed === undefined) return { numRuns };
  const n = Number(seed);
  if (!Number.isSafeInteger(n)) throw new Error(`FC_SEED: expected the integer seed a failing property printed, got ${JSON.stringify(seed)}`);
  return { numRuns, seed: n };
}
