// Which paths the file index skips: .gitignore (inside a git repository, as
// git does), .ignore (always), .git/info/exclude and git's global excludes
// file. Rules are kept per directory; deeper rules override shallower ones,
// and the last rule that has an opinion about a path wins, as in git.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { commonGitDir, gitDirAt } from '../git/repo.js';

export interface RuleSet {
  /** Directory the patterns are relative to (absolute). */
  readonly base: string;
  readonly rules: Ignore;
}

function readRules(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Rule sets that a directory adds for everything below it. */
export function rulesOfDirectory(dir: string, inGitRepo: boolean): RuleSet[] {
  const found: RuleSet[] = [];
  const files = inGitRepo ? ['.gitignore', '.ignore'] : ['.ignore'];
  for (const name of files) {
    const text = readRules(join(dir, name));
    if (text) found.push({ base: dir, rules: ignore({ allowRelativePaths: true }).add(text) });
  }
  return found;
}

/** git's global excludes: core.excludesFile from ~/.gitconfig, else $XDG_CONFIG_HOME/git/ignore. */
function globalExcludesFile(): string {
  const home = homedir();
  const cfg = readRules(join(home, '.gitconfig')) ?? '';
  const m = /^\s*excludesfile\s*=\s*(.+?)\s*$/im.exec(cfg);
  if (m?.[1]) return m[1].replace(/^~(?=\/|$)/, home).replace(/^"(.*)"$/, '$1');
  return join(process.env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'ignore');
}

/**
 * Rule sets that apply at `root` before the walk starts: git's excludes and
 * the ignore files of the directories between the git root and `root`.
 */
export function initialRules(root: string, gitRoot: string | undefined): RuleSet[] {
  const sets: RuleSet[] = [];
  if (gitRoot) {
    // A worktree's info/exclude is the one in its common git directory.
    const excludes = join(commonGitDir(gitDirAt(gitRoot) ?? join(gitRoot, '.git')), 'info', 'exclude');
    for (const file of [globalExcludesFile(), excludes]) {
      const text = readRules(file);
      if (text) sets.push({ base: gitRoot, rules: ignore({ allowRelativePaths: true }).add(text) });
    }
    const chain: string[] = [];
    for (let d = dirname(root); d.length >= gitRoot.length && d !== root; d = dirname(d)) {
      chain.unshift(d);
      if (d === gitRoot || dirname(d) === d) break;
    }
    for (const d of chain) sets.push(...rulesOfDirectory(d, true));
  } else {
    for (let d = dirname(root); dirname(d) !== d; d = dirname(d)) {
      // Outside git only .ignore files count; parents' apply too.
      sets.unshift(...rulesOfDirectory(d, false));
    }
  }
  return sets;
}

/** Whether `abs` (a directory when `isDir`) is ignored by the rule sets, deepest opinion winning. */
export function isIgnored(sets: readonly RuleSet[], abs: string, isDir: boolean): boolean {
  for (let i = sets.length - 1; i >= 0; i--) {
    const set = sets[i]!;
    let rel = relative(set.base, abs);
    if (sep !== '/') rel = rel.split(sep).join('/');
    if (isDir) rel += '/';
    const res = set.rules.test(rel);
    if (res.ignored) return true;
    if (res.unignored) return false;
  }
  return false;
}
