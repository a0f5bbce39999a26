import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SlicedSort } from '../../app/files/sliced-sort.js';
import { appendAll, PathList } from '../../app/files/path-list.js';
import { preparePaths, searchPaths } from '../../app/files/fuzzy.js';

/** Runs a sort to the end, each step stopped after `budget` looks at the clock; returns the result and the number of steps. */
function sortInSteps(items: string[], budget: number): { sorted: string[]; steps: number } {
  const sort = new SlicedSort(items);
  for (let steps = 1; steps < 100_000; steps++) {
    let left = budget;
    const sorted = sort.step(() => --left <= 0);
    if (sorted) return { sorted, steps };
  }
  throw new Error('the sort never finished');
}

test('sorted a slice at a time: the engine\'s order, however the slices fall', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 5000 }), fc.integer({ min: 1, max: 5 }), (items, budget) => {
      const expected = [...items].sort();
      assert.deepEqual(sortInSteps(items, budget).sorted, expected);
    }),
    { numRuns: 60 },
  );
});

test('each step stops when told: 10,000 strings take many steps, not one', () => {
  const items = Array.from({ length: 10_000 }, (_, i) => `p/${(i * 7919) % 10_007}`);
  const { sorted, steps } = sortInSteps(items, 1);
  assert.deepEqual(sorted, [...items].sort());
  // 10 runs of 1,024 sorted one a step, then 4 merge passes of 5 pieces of 2,048 each.
  assert.ok(steps >= 25, `${steps} steps`);
});

test('path list: before it settles, a search gets the paths as listed with their lower-case twin; settling sorts, whatever is added meanwhile', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `d${i % 37}/F${(i * 31) % 5000}.ts`);
  const list = new PathList();
  list.add(names.slice(0, 4000));
  assert.equal(list.settle(() => true), false, 'one slice is not enough');
  const early = list.prepared();
  assert.deepEqual(early, { paths: names.slice(0, 4000), lower: names.slice(0, 4000).map((p) => p.toLowerCase()), ordered: false });
  list.add(names.slice(4000, 4500));
  assert.equal(list.prepared().lower.length, 4500, 'only the paths added since are lower-cased');
  assert.equal(list.settle(() => true), false);
  list.add(names.slice(4500));
  let slices = 0;
  const version = list.version;
  while (!list.settle(() => true)) slices++;
  assert.ok(slices > 1);
  assert.ok(list.version > version, 'the new order is a change: indices into the old one are void');
  const all = [...names].sort();
  assert.deepEqual(list.prepared(), { paths: all, lower: all.map((p) => p.toLowerCase()), ordered: true });
  list.remove(all[0]!);
  list.add(['d0/new.ts']);
  assert.deepEqual(list.prepared().paths, [...all.slice(1), 'd0/new.ts'].sort(), 'a few paths later are put in place');
});

test('a search in a list not sorted yet answers as it would once sorted', () => {
  fc.assert(
    // Over 128 matches (stage 1 then keeps the best 128), many of them tied.
    fc.property(fc.uniqueArray(fc.stringMatching(/^[abA/]{1,10}$/), { minLength: 200, maxLength: 500 }), fc.stringMatching(/^[ab/]{1,2}$/), (list, q) => {
      const unordered = { paths: list, lower: list.map((p) => p.toLowerCase()), ordered: false };
      // A limit as large as the candidates: the set stage 1 picks (ties at its threshold by path) shows whole.
      assert.deepEqual(searchPaths(unordered, q, 128), searchPaths(preparePaths(list), q, 128));
    }),
    { numRuns: 100 },
  );
});

test('appendAll keeps order and takes any number of items (a single push(...items) overflows the stack at ~200,000)', () => {
  const big = Array.from({ length: 300_000 }, (_, i) => `p${i}`);
  assert.throws(() => [].push(...(big as never[])), RangeError, 'the engine still refuses one call with them all');
  for (const n of [0, 1, 4096, 4097, 300_000]) {
    const to = ['a', 'b'];
    appendAll(to, big.slice(0, n));
    assert.deepEqual(to, ['a', 'b', ...big.slice(0, n)]); // an array literal's spread takes no arguments
  }
});
