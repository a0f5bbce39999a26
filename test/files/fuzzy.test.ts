import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Narrowing, NO_MATCH, preparePaths, scoreV1, searchPaths } from '../../app/files/fuzzy.js';

const paths = preparePaths([
  'README.md',
  'app/readme-loader.ts',
  'docs/reading/list.md',
  'app/cli/main.ts',
  'app/tui/main.ts',
  'widgets/composer/Composer.ts',
  'test/e2e/main.test.ts',
  'src/ÄÖÜ/umlaut.txt',
]);

test('boundary matches rank first; results carry matched positions', () => {
  const res = searchPaths(paths, 'read');
  assert.equal(res[0]?.path, 'README.md');
  assert.deepEqual(res[0]?.positions, [0, 1, 2, 3]);
  assert.ok(res.every((r) => r.positions.length === 4));
});

test('smart case: lower-case query ignores case, upper-case query is exact', () => {
  assert.ok(searchPaths(paths, 'composer').some((r) => r.path === 'widgets/composer/Composer.ts'));
  const exact = searchPaths(paths, 'README');
  assert.deepEqual(exact.map((r) => r.path), ['README.md']);
  assert.deepEqual(searchPaths(paths, 'Readme'), []);
});

test('ties are broken by path, ascending; at most `limit` results', () => {
  const res = searchPaths(paths, 'main');
  const tied = res.filter((r) => r.score === res[0]!.score).map((r) => r.path);
  assert.deepEqual(tied, [...tied].sort());
  assert.equal(searchPaths(paths, 'a', 3).length, 3);
  assert.deepEqual(searchPaths(paths, ''), []);
  assert.deepEqual(searchPaths(paths, 'zzzz'), []);
});

test('scoreV1 agrees with subsequence membership on random input', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), fc.string({ minLength: 1, maxLength: 5 }), (text, pat) => {
      let i = 0;
      for (const ch of text) if (i < pat.length && ch === pat[i]) i++;
      const isSub = [...pat].length === pat.length ? i === pat.length : true;
      if ([...pat].length === pat.length) assert.equal(scoreV1(text, pat) !== NO_MATCH, isSub);
    }),
    { numRuns: 500 },
  );
});

test('every result is a real match of the query, positions in range and ascending', () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z/._]{1,20}$/), { maxLength: 40 }), fc.stringMatching(/^[a-z]{1,3}$/), (list, q) => {
      const res = searchPaths(preparePaths(list), q);
      for (const r of res) {
        assert.ok(list.includes(r.path));
        assert.equal(r.positions.length, q.length);
        assert.equal(r.positions.map((p) => r.path[p]).join(''), q);
        for (let i = 1; i < r.positions.length; i++) assert.ok(r.positions[i]! > r.positions[i - 1]!);
      }
      const expected = list.filter((p) => scoreV1(p, q) !== NO_MATCH).length;
      assert.equal(res.length, Math.min(8, expected));
    }),
    { numRuns: 300 },
  );
});

test('a match with long gaps is still a match, even when its score is below zero', () => {
  const long = `a${'x'.repeat(60)}z.txt`;
  const res = searchPaths(preparePaths([long, 'other.md']), 'az');
  assert.deepEqual(res.map((r) => r.path), [long]);
  assert.ok(scoreV1(long, 'az') < 0);
});

test('typing on (each key narrowed to what the previous key matched) ranks as a search from scratch', () => {
  fc.assert(
    fc.property(
      fc.array(fc.stringMatching(/^[a-zA-Z/._]{1,20}$/), { maxLength: 300 }),
      fc.stringMatching(/^[a-zA-Z/]{1,6}$/),
      fc.stringMatching(/^[a-z]{1,3}$/),
      (list, typed, other) => {
        const prepared = preparePaths(list);
        const narrowing = new Narrowing();
        for (let i = 1; i <= typed.length; i++) {
          const q = typed.slice(0, i);
          assert.deepEqual(searchPaths(prepared, q, 8, narrowing), searchPaths(prepared, q, 8));
        }
        // A query that does not extend the last one scans everything again.
        assert.deepEqual(searchPaths(prepared, other, 8, narrowing), searchPaths(prepared, other, 8));
      },
    ),
    { numRuns: 300 },
  );
});
