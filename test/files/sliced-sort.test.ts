import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SlicedSort } from '../../app/files/sliced-sort.js';
import { PathList } from '../../app/files/path-list.js';

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

test('path list: a search during the background sort, or paths added during it, see a fully sorted list', () => {
  const names = Array.from({ length: 5000 }, (_, i) => `d${i % 37}/F${(i * 31) % 5000}.ts`);
  const list = new PathList();
  list.add(names.slice(0, 4000));
  assert.equal(list.settle(() => true), false, 'one slice is not enough');
  assert.deepEqual(list.prepared().paths, names.slice(0, 4000).sort(), 'a search finishes the sort itself');
  list.add(names.slice(4000, 4500));
  assert.equal(list.settle(() => true), false);
  list.add(names.slice(4500));
  let slices = 0;
  while (!list.settle(() => true)) slices++;
  assert.ok(slices > 1);
  const all = [...names].sort();
  assert.deepEqual(list.prepared(), { paths: all, lower: all.map((p) => p.toLowerCase()) });
});
