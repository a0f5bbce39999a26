import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Fzf, type FzfResultItem } from 'fzf';
import { scoreV2 } from '../../app/files/fzf-score.js';
import { preparePaths, searchPaths } from '../../app/files/fuzzy.js';

const byPath = (a: { item: string }, b: { item: string }): number => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0);
interface Ranked { path: string; score: number; positions: number[] }
const pkg = (list: string[], q: string, limit = Infinity): Ranked[] =>
  new Fzf(list, { casing: 'smart-case', normalize: false, fuzzy: 'v2', limit, tiebreakers: [byPath] })
    .find(q)
    .map((r: FzfResultItem<string>) => ({ path: r.item, score: r.score, positions: [...r.positions].sort((a, b) => a - b) }));

// Paths and queries from a small alphabet, so that matches, runs, case and boundaries are common.
const text = fc.stringMatching(/^[abAB01/._ -]{1,24}$/);
const query = fc.stringMatching(/^[abAB01/._-]{1,5}$/);

/** The positions spell the query (case folded unless it has upper case), ascending. */
function assertSpells(t: string, q: string, positions: number[]): void {
  const fold = q === q.toLowerCase() ? (s: string) => s.toLowerCase() : (s: string) => s;
  assert.equal(fold(positions.map((p) => t[p]).join('')), q);
  for (let i = 1; i < positions.length; i++) assert.ok(positions[i]! > positions[i - 1]!);
}

/**
 * Whether the package's trace back along `positions` reads only cells its
 * matrix filled: at each column j of row i it consults the run length of row
 * i+1 at j+1, which was filled from that row's first greedy occurrence on.
 * Left of it the package reads stale memory from an earlier search (and
 * breaks a tie between equally scored placements by it); we read 0 there.
 */
function traceIsDefined(t: string, q: string, positions: number[]): boolean {
  const fold = q === q.toLowerCase() ? t.toLowerCase() : t;
  const first: number[] = [];
  for (let i = 0, at = -1; i < q.length; i++) first.push((at = fold.indexOf(q[i]!, at + 1)));
  return positions.every((p, i) => i + 1 >= q.length || p >= first[i + 1]! - 1);
}

test('scoreV2: the fzf package\'s v2 score and positions for one ASCII text', () => {
  let matched = 0;
  let compared = 0;
  fc.assert(
    fc.property(text, query, fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), (t, other, pick) => {
      // Mostly a query drawn from the text itself (a match), sometimes an unrelated one.
      const drawn = [...t].filter((_, i) => pick[i]).join('').slice(0, 6);
      const q = drawn.trim() && pick[0] ? drawn : other;
      const theirs = pkg([t], q)[0];
      const positions: number[] = [];
      const score = scoreV2(t, q, q !== q.toLowerCase(), positions);
      if (!theirs) return assert.equal(score, -1);
      matched++;
      assert.equal(score, theirs.score);
      assertSpells(t, q, positions);
      if (!traceIsDefined(t, q, positions)) return;
      compared++;
      assert.deepEqual(positions, theirs.positions);
    }),
    { numRuns: 3000 },
  );
  assert.ok(compared > matched / 4, `positions compared for ${compared} of ${matched} matches`);
});

test('scoreV2: the package\'s positions on paths like a repository\'s', () => {
  const cases: [string, string][] = [
    ['README.md', 'read'], ['app/readme-loader.ts', 'read'], ['widgets/composer/Composer.ts', 'Comp'],
    ['src/file_search/fuzzy.ts', 'fsf'], ['a/b/ab/abab.ts', 'ab'], ['app0/src0/app0/components74101.ts', 'src0/app0/'],
    // Equal scores either way: the match that continues a run wins (2, not 1).
    ['app/b/', 'p/b'], ['app.util_read-util/', 'p.uti'],
  ];
  for (const [t, q] of cases) {
    const positions: number[] = [];
    scoreV2(t, q, q !== q.toLowerCase(), positions);
    assert.deepEqual(positions, pkg([t], q)[0]!.positions, `${t} / ${q}`);
  }
});

test('ranking a list (every match a candidate): the same paths and scores as the fzf package', () => {
  fc.assert(
    fc.property(fc.uniqueArray(text, { maxLength: 60 }), query, (list, q) => {
      const ours = searchPaths(preparePaths(list), q);
      assert.deepEqual(ours.map((r) => [r.path, r.score]), pkg(list, q, 8).map((r) => [r.path, r.score]));
      for (const r of ours) assertSpells(r.path, q, r.positions);
    }),
    { numRuns: 500 },
  );
});

test('a query or a path beyond ASCII is ranked by the package itself', () => {
  const list = ['src/ÄÖÜ/umlaut.txt', 'src/aou.txt', 'docs/über.md'];
  for (const q of ['u', 'ü', 'ub', 'src']) assert.deepEqual(searchPaths(preparePaths(list), q), pkg(list, q, 8), q);
});
