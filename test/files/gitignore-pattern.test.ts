// Our gitignore patterns against git's own verdicts (git check-ignore), path by path.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { parsePatterns, testPatterns } from '../../app/files/gitignore-pattern.js';
import { hasGit } from '../git/support.js';

const PATTERNS = [
  '# a comment', '', '*.log', '!keep.log', '/build', 'docs/**/*.md', '**/cache', 'out/**', 'a?c.txt',
  '[ab]x.txt', '[!0-9]n.dat', 'q[[:digit:]].txt', 'lit\\#.txt', '\\!bang', 'trail.txt   ', 'sp\\ ', 'dir-only/',
  'x/y/z.txt', 'm**n.txt', 'tmp[', '\\[br].txt', 'r[a-c-]s', 'deep/**/leaf/', '*.Upper',
];
const FILES = [
  'a.log', 'sub/b.log', 'keep.log', 'sub/keep.log', 'build', 'sub/build', 'docs/a.md', 'docs/x/y/b.md', 'docs/c.txt',
  'cache', 'p/q/cache', 'out/o.txt', 'out/d/o.txt', 'abc.txt', 'ac.txt', 'ax.txt', 'cx.txt', 'an.dat', '5n.dat',
  'q7.txt', 'qa.txt', 'lit#.txt', '!bang', 'trail.txt', 'sp ', 'sp', 'dir-only', 'x/y/z.txt', 'w/x/y/z.txt',
  'mn.txt', 'mzzn.txt', 'tmp[', '[br].txt', 'b.txt', 'ras', 'r-s', 'rds', 'deep/leaf', 'deep/k/leaf', 'f.upper',
];
const DIRS = ['d/dir-only', 'dir-only2', 'deep/m/leaf2', 'deep/j/leaf', 'build2'];

test('gitignore patterns: the verdict git check-ignore gives, for every path', { skip: hasGit ? false : 'git is not installed' }, () => {
  const root = mkdtempSync(join(tmpdir(), 'codex-gitignore-'));
  try {
    spawnSync('git', ['init', '-q', root]);
    writeFileSync(join(root, '.gitignore'), PATTERNS.join('\n'));
    for (const f of FILES) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), '');
    }
    for (const d of DIRS) mkdirSync(join(root, d), { recursive: true });
    const paths = [...FILES.map((p) => ({ p, dir: false })), ...DIRS.map((p) => ({ p, dir: true }))];
    // -v -n: the deciding pattern for every path (`!…` when a negation decides), `::` for none.
    const r = spawnSync('git', ['-c', 'core.ignorecase=true', '-C', root, 'check-ignore', '-v', '-n', '--stdin'], { input: paths.map((x) => x.p).join('\n'), encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const git = new Map(r.stdout.trim().split('\n').map((line) => {
      const [source, path] = line.split('\t') as [string, string];
      const pattern = source.replace(/^[^:]*:[^:]*:/, '');
      return [path, pattern === '' ? 'none' : pattern.startsWith('!') ? 'unignored' : 'ignored'];
    }));
    const rules = parsePatterns(PATTERNS.join('\n'));
    for (const { p, dir } of paths) {
      // A path under a directory git ignores is decided by that directory: the walk never asks about it.
      if (p.includes('/') && git.get(p) === 'ignored' && p.split('/').slice(0, -1).some((_, i, a) => git.get(a.slice(0, i + 1).join('/')) === 'ignored')) continue;
      const v = testPatterns(rules, p, dir);
      const ours = v.ignored ? 'ignored' : v.unignored ? 'unignored' : 'none';
      assert.equal(ours, git.get(p), `${p}${dir ? '/' : ''}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
