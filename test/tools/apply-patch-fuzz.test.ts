// Random patches against random files: the parser and engine only ever fail
// through their typed error path, and a failed apply leaves the disk as it was.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyPatch, parsePatch, PatchParseError, previewPatch } from '../../app/tools/apply-patch/index.js';
import { treeSnapshot } from './tree-snapshot.js';

const NAMES = ['a.txt', 'b.txt', 'd/c.txt', 'a.txt/x', 'd'];
const WORDS = ['alpha', 'beta', '  gamma', 'delta  ', '', 'e\u2014f', '"q"', '\u201Cq\u201D', '*** x', '@@'];

const fileText = fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((ls) => (ls.length ? `${ls.join('\n')}\n` : ''));
const files = fc.dictionary(fc.constantFrom('a.txt', 'b.txt', 'd/c.txt'), fileText, { maxKeys: 3 });

const patchLine = fc.oneof(
  fc.constantFrom(...NAMES).chain((n) => fc.constantFrom(
    `*** Add File: ${n}`, `*** Delete File: ${n}`, `*** Update File: ${n}`, `*** Move to: ${n}`)),
  fc.constantFrom('*** End of File', '@@', '', '*** End Patch', '*** Begin Patch'),
  fc.constantFrom(...WORDS).map((w) => `@@ ${w}`),
  fc.tuple(fc.constantFrom(' ', '+', '-', '+', '-'), fc.constantFrom(...WORDS)).map(([p, w]) => p + w),
  fc.string({ maxLength: 12 }),
);
const randomLines = fc.tuple(fc.array(patchLine, { maxLength: 14 }), fc.boolean(), fc.boolean())
  .map(([lines, begin, end]) => [...(begin ? ['*** Begin Patch'] : []), ...lines, ...(end ? ['*** End Patch'] : [])].join('\n'));

// Well-formed hunks, so that many patches parse and reach the engine and the disk.
const name = fc.constantFrom(...NAMES);
const word = fc.constantFrom(...WORDS);
const chunk = fc.tuple(
  fc.option(word, { nil: undefined }),
  fc.array(fc.tuple(fc.constantFrom(' ', '+', '-'), word).map(([p, w]) => p + w), { minLength: 1, maxLength: 4 }),
  fc.boolean(),
).map(([ctx, lines, eof]) => [ctx === undefined ? '@@' : `@@ ${ctx}`, ...lines, ...(eof ? ['*** End of File'] : [])]);
const hunk = fc.oneof(
  fc.tuple(name, fc.array(word, { maxLength: 3 })).map(([n, ls]) => [`*** Add File: ${n}`, ...ls.map((l) => `+${l}`)]),
  name.map((n) => [`*** Delete File: ${n}`]),
  fc.tuple(name, fc.option(name, { nil: undefined }), fc.array(chunk, { minLength: 1, maxLength: 3 }))
    .map(([n, mv, cs]) => [`*** Update File: ${n}`, ...(mv ? [`*** Move to: ${mv}`] : []), ...cs.flat()]),
);
const wellFormed = fc.array(hunk, { minLength: 1, maxLength: 4 })
  .map((hs) => ['*** Begin Patch', ...hs.flat(), '*** End Patch'].join('\n'));
const patchText = fc.oneof(randomLines, wellFormed, wellFormed);

function isFile(p: string): boolean {
  try {
    return lstatSync(p).isFile();
  } catch {
    return false; // ENOENT, or ENOTDIR when a parent is a file
  }
}

function enoent(p: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
}

test('the parser accepts or rejects any text with PatchParseError, nothing else', () => {
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), patchText,
    patchText.map((p) => `<<'EOF'\n${p}\nEOF`), patchText.map((p) => p.replaceAll('\n', '\r\n')));
  fc.assert(fc.property(text, (t) => {
    try {
      parsePatch(t);
    } catch (err) {
      assert.ok(err instanceof PatchParseError, String(err));
      assert.match(err.message, /^(invalid patch: |invalid hunk at line \d+, )/);
    }
  }), { numRuns: 2000 });
});

test('preview never throws outside its error value (in memory)', async () => {
  await fc.assert(fc.asyncProperty(files, patchText, async (tree, patch) => {
    const read = async (abs: string): Promise<string> => {
      const f = tree[relative('/p', abs)];
      if (f === undefined) throw enoent(abs);
      return f;
    };
    const r = await previewPatch(patch, '/p', read);
    if (r.ok) {
      for (const w of r.writes) assert.ok(w.content === null || w.content.endsWith('\n') || w.content === '');
      assert.match(r.summary, /^Success\. Updated the following files:\n/);
    } else {
      assert.match(r.error, /^(invalid patch: |invalid hunk at line \d+, |Failed to )/);
    }
  }), { numRuns: 1500 });
});

test('apply on disk: success matches the preview, failure changes nothing', async () => {
  const base = mkdtempSync(join(tmpdir(), 'apply-fuzz-'));
  let run = 0;
  let applied = 0;
  try {
    await fc.assert(fc.asyncProperty(files, patchText, async (tree, patch) => {
      const dir = join(base, String(run++));
      for (const [name, text] of Object.entries(tree)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      mkdirSync(dir, { recursive: true });
      const before = treeSnapshot(dir);
      const preview = await previewPatch(patch, dir);
      const r = await applyPatch(patch, dir);
      if (r.success) {
        applied++;
        assert.ok(preview.ok);
        for (const w of preview.writes) {
          // a removed file is gone, unless its path became the directory of a new file
          if (w.content === null) assert.ok(!isFile(w.path), w.path);
          else assert.equal(readFileSync(w.path, 'utf8'), w.content);
        }
      } else {
        assert.equal(r.stdout, '');
        assert.notEqual(r.stderr, '');
        assert.deepEqual(treeSnapshot(dir), before, r.stderr);
      }
      rmSync(dir, { recursive: true, force: true });
    }), { numRuns: 500 });
    assert.ok(applied >= 5, `only ${applied} of ${run} random patches applied; the generator is too weak`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
