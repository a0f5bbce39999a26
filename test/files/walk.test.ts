import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { walkFiles } from '../../app/files/walk.js';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'codex-walk-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  // A .git with HEAD is a repository only with objects/ and refs/ beside it, as for git.
  if ('.git/HEAD' in files) for (const d of ['objects', 'refs']) mkdirSync(join(root, '.git', d), { recursive: true });
  return root;
}

const sorted = (xs: string[]) => [...xs].sort();

test('includes hidden files, skips .git, honours .gitignore inside a repository', () => {
  const root = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': '',
    '.gitignore': 'node_modules/\n*.log\n!keep.log\n/build\n',
    '.env.example': '',
    'src/a.ts': '',
    'src/debug.log': '',
    'src/keep.log': '',
    'node_modules/x/index.js': '',
    'build/out.js': '',
    'docs/build/page.md': '',
  });
  const want = ['.env.example', '.gitignore', 'docs/build/page.md', 'src/a.ts', 'src/keep.log'];
  assert.deepEqual(sorted(walkFiles(root).files), want);
});

test('nested .gitignore files apply below their directory; deeper rules win', () => {
  const root = tree({
    '.git/HEAD': '',
    '.gitignore': '*.tmp\n',
    'a/.gitignore': '!special.tmp\nsecret/\n',
    'a/x.tmp': '',
    'a/special.tmp': '',
    'a/secret/s.txt': '',
    'b/special.tmp': '',
    'b/secret/s.txt': '',
  });
  assert.deepEqual(sorted(walkFiles(root).files), ['.gitignore', 'a/.gitignore', 'a/special.tmp', 'b/secret/s.txt']);
});

test('.ignore counts everywhere; .gitignore only inside git; .git/info/exclude is read', () => {
  const outside = tree({ '.gitignore': 'a.txt\n', '.ignore': 'b.txt\n', 'a.txt': '', 'b.txt': '' });
  assert.deepEqual(sorted(walkFiles(outside).files), ['.gitignore', '.ignore', 'a.txt']);
  const repo = tree({ '.git/HEAD': '', '.git/info/exclude': 'local-only/\n', 'local-only/x': '', 'y': '' });
  assert.deepEqual(walkFiles(repo).files, ['y']);
});

test('a sub-directory root still sees the repository root .gitignore', () => {
  const root = tree({ '.git/HEAD': '', '.gitignore': 'gen/\n', 'pkg/gen/x.ts': '', 'pkg/src/y.ts': '' });
  assert.deepEqual(walkFiles(join(root, 'pkg')).files, ['src/y.ts']);
});

test('a deeper negation re-includes a directory a shallower .gitignore excludes, and what is in it, as git does', () => {
  // Each rule set judges the path itself, not its parents again (the walk settled those):
  // the root's `gen/` says nothing about src/gen/a.ts once src/.gitignore let src/gen in.
  const root = tree({ '.git/HEAD': '', '.gitignore': 'gen/\n*.tmp\n', 'src/.gitignore': '!gen/\n', 'src/gen/a.ts': '', 'src/gen/b.tmp': '', 'gen/c.ts': '' });
  assert.deepEqual(sorted(walkFiles(root).files), ['.gitignore', 'src/.gitignore', 'src/gen/a.ts']);
});

test('symlinked files are listed, symlinked directories are not followed', () => {
  const root = tree({ 'real/file.txt': '' });
  symlinkSync(join(root, 'real'), join(root, 'linkdir'));
  symlinkSync(join(root, 'real/file.txt'), join(root, 'link.txt'));
  assert.deepEqual(sorted(walkFiles(root).files), ['link.txt', 'linkdir', 'real/file.txt']);
});

test('maxFiles bounds the walk', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 50; i++) files[`d${i % 5}/f${i}`] = '';
  assert.equal(walkFiles(tree(files), { maxFiles: 10 }).files.length, 10);
});

test('lists the paths sorted, as the search list keeps them (the build needs no sort): a sub-tree sorts as its name and a slash, beyond-BMP names by UTF-16 code units', () => {
  const names = ['a.b', 'a/x.ts', 'a/y/z.ts', 'a-b/y', 'a0', 'B', 'b/c', 'é.md', '\u{1F600}.ts', '\uE000.ts', 'z/\u{1F600}/q', 'z/\uE000/q', 'z/a'];
  const root = tree(Object.fromEntries(names.map((n) => [n, ''])));
  const { files } = walkFiles(root);
  assert.deepEqual(files, sorted(names));
});
