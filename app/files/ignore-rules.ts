// Which paths the file index skips: .gitignore (inside a git repository, as
// git does), .ignore (always), .git/info/exclude and git's global excludes
// file. Rules are kept per directory; deeper rules override shallower ones,
// and the last rule that has an opinion about a path wins, as in git.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { commonGitDir, gitDirAt } from '../git/repo.js';
import { parsePatterns, testEntry, type IgnorePattern } from './gitignore-pattern.js';

export interface RuleSet {
  /** Directory the patterns are relative to (absolute). */
  readonly base: string;
  readonly rules: readonly IgnorePattern[];
}

function readRules(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The names of the ignore files a directory may hold, in the order their rules apply. */
export const ignoreFileNames = (inGitRepo: boolean): readonly string[] => (inGitRepo ? ['.gitignore', '.ignore'] : ['.ignore']);

/** Rule sets made from the ignore files' texts (`undefined` or empty: no file). */
export function ruleSetsOf(dir: string, texts: readonly (string | undefined)[]): RuleSet[] {
  const found: RuleSet[] = [];
  for (const text of texts) if (text) found.push({ base: dir, rules: parsePatterns(text) });
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

/** An ignore file's text and the directory its patterns are relative to. */
export interface RuleText {
  readonly base: string;
  readonly text: string;
}

/**
 * The ignore files that apply at `root` before the walk starts: git's
 * excludes and those of the directories between the git root and `root`.
 * Their texts, not yet parsed: a saved listing is valid only under the same.
 */
export function initialRuleTexts(root: string, gitRoot: string | undefined): RuleText[] {
  const found: RuleText[] = [];
  const add = (base: string, file: string): void => {
    const text = readRules(file);
    if (text) found.push({ base, text });
  };
  if (gitRoot) {
    // A worktree's info/exclude is the one in its common git directory.
    const excludes = join(commonGitDir(gitDirAt(gitRoot) ?? join(gitRoot, '.git')), 'info', 'exclude');
    for (const file of [globalExcludesFile(), excludes]) add(gitRoot, file);
    const chain: string[] = [];
    for (let d = dirname(root); d.length >= gitRoot.length && d !== root; d = dirname(d)) {
      chain.unshift(d);
      if (d === gitRoot || dirname(d) === d) break;
    }
    for (const d of chain) for (const name of ignoreFileNames(true)) add(d, join(d, name));
  } else {
    // Outside git only .ignore files count; parents' apply too, the outermost first.
    const chain: string[] = [];
    for (let d = dirname(root); dirname(d) !== d; d = dirname(d)) chain.unshift(d);
    for (const d of chain) add(d, join(d, '.ignore'));
  }
  return found;
}

/** The rule sets of initialRuleTexts. */
export const ruleSetsFrom = (texts: readonly RuleText[]): RuleSet[] => texts.map(({ base, text }) => ({ base, rules: parsePatterns(text) }));

/**
 * Where the directory `abs` lies relative to each rule set's base ('' or
 * ending in '/'): worked out once per directory, so that each of its entries
 * is tested by name (entryIgnored) without a path built for it.
 */
export function entryPrefixes(sets: readonly RuleSet[], abs: string): string[] {
  return sets.map((set) => {
    if (abs === set.base) return '';
    // Every base is an ancestor of `abs`: slicing is what path.relative would give, at a fraction of its cost.
    let rel = abs.length > set.base.length && abs.startsWith(set.base) && abs[set.base.length] === sep
      ? abs.slice(set.base.length + 1)
      : relative(set.base, abs);
    if (sep !== '/') rel = rel.split(sep).join('/');
    return rel ? `${rel}/` : '';
  });
}

/** Whether the entry `name` (a directory when `isDir`) of the directory with these `prefixes` is ignored, deepest opinion winning. */
export function entryIgnored(sets: readonly RuleSet[], prefixes: readonly string[], name: string, isDir: boolean): boolean {
  for (let i = sets.length - 1; i >= 0; i--) {
    const res = testEntry(sets[i]!.rules, prefixes[i]!, name, isDir);
    if (res.ignored) return true;
    if (res.unignored) return false;
  }
  return false;
}
