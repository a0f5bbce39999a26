// Project trust: what the loader makes of `[projects."<path>"] trust_level`
// (defaults, the decision the TUI asks for, a user's own policy) and how the
// trust screen's answer is written into a real config.toml: as text, every
// other byte kept, verified, the file replaced atomically.
import assert from 'node:assert/strict';
import { chmodSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'smol-toml';
import { loadConfig } from '../../app/config/index.js';
import { recordProjectTrust } from '../../app/config/record-trust.js';
import { needsTrustDecision } from '../../app/config/trust.js';
import { tempHome } from './home.js';
import { initGitRepo } from '../support/cli.js';

const env = {};

/** A git repository with a sub-directory, and a plain folder, both with awkward names. */
function folders(): { repo: string; sub: string; plain: string } {
  const base = realpathSync(tempHome());
  const repo = join(base, 'my repo "quoted" \\ back');
  const sub = join(repo, 'src');
  const plain = join(base, 'plain dir');
  initGitRepo(repo);
  mkdirSync(sub);
  mkdirSync(plain);
  return { repo, sub, plain };
}

test('an undecided folder: the TUI asks, unless the user chose a sandbox or approval policy', async () => {
  const { repo, sub, plain } = folders();
  const home = tempHome({ 'config.toml': '[profiles.auto]\napproval_policy = "never"\n' });
  const load = (cwd: string, more: Parameters<typeof loadConfig>[0] = {}) => loadConfig({ codexHome: home, env, ...more, overrides: { cwd, ...more.overrides } });
  const inRepo = await load(sub);
  assert.deepEqual(inRepo.project, { root: repo, inGit: true });
  assert.equal(inRepo.policyFromUser, false);
  assert.equal(needsTrustDecision(inRepo), true);
  assert.deepEqual((await load(plain)).project, { root: plain, inGit: false });
  for (const more of [
    { overrides: { sandboxMode: 'workspace-write' as const } },
    { overrides: { approvalPolicy: 'on-failure' as const } },
    { overrides: { profile: 'auto' } },
    { cliOverrides: ['sandbox_mode=read-only'] },
  ]) {
    assert.equal(needsTrustDecision(await load(sub, more)), false, JSON.stringify(more));
  }
  const inFile = tempHome({ 'config.toml': 'sandbox_mode = "read-only"\n' });
  assert.equal(needsTrustDecision(await loadConfig({ codexHome: inFile, env, overrides: { cwd: sub } })), false);
});

test('trusted → workspace-write / on-request; untrusted → read-only / untrusted; the folder’s own entry wins over its git root’s', async () => {
  const { repo, sub } = folders();
  const entry = (path: string, level: string) => `[projects.${JSON.stringify(path)}]\ntrust_level = "${level}"\n`;
  const trusted = await loadConfig({ codexHome: tempHome({ 'config.toml': entry(repo, 'trusted') }), env, overrides: { cwd: sub } });
  assert.equal(trusted.project.trustLevel, 'trusted');
  assert.equal(trusted.sandboxPolicy.mode, 'workspace-write');
  assert.equal(trusted.approvalPolicy, 'on-request');
  assert.equal(needsTrustDecision(trusted), false);
  const untrusted = await loadConfig({ codexHome: tempHome({ 'config.toml': entry(repo, 'untrusted') }), env, overrides: { cwd: sub } });
  assert.equal(untrusted.sandboxPolicy.mode, 'read-only');
  assert.equal(untrusted.approvalPolicy, 'untrusted');
  assert.equal(needsTrustDecision(untrusted), false);
  const both = await loadConfig({ codexHome: tempHome({ 'config.toml': entry(repo, 'trusted') + entry(sub, 'untrusted') }), env, overrides: { cwd: sub } });
  assert.equal(both.project.trustLevel, 'untrusted');
  const flags = await loadConfig({ codexHome: tempHome({ 'config.toml': entry(repo, 'untrusted') }), env, overrides: { cwd: sub, approvalPolicy: 'never' } });
  assert.equal(flags.approvalPolicy, 'never', 'a flag still wins');
});

const ORIGINAL = `# My Codex settings — keep this comment
model = "o3" # trailing comment

[projects."/srv/other"]
trust_level = "trusted"

# about the theme
[tui]
theme = "light"
`;

test('recording trust keeps every other byte: comments, order, other projects; paths with spaces, quotes and backslashes', () => {
  const { repo } = folders();
  const home = tempHome({ 'config.toml': ORIGINAL });
  const file = join(home, 'config.toml');
  recordProjectTrust(home, repo, 'trusted');
  const text = readFileSync(file, 'utf8');
  assert.equal(text, `${ORIGINAL}\n[projects."${repo.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"]\ntrust_level = "trusted"\n`);
  const doc = parse(text) as { projects: Record<string, { trust_level: string }> };
  assert.deepEqual(Object.keys(doc.projects), ['/srv/other', repo]);
  assert.equal(doc.projects[repo]!.trust_level, 'trusted');

  // Deciding again rewrites the key where it stands; nothing else moves.
  recordProjectTrust(home, '/srv/other', 'untrusted');
  assert.equal(readFileSync(file, 'utf8'), text.replace('[projects."/srv/other"]\ntrust_level = "trusted"', '[projects."/srv/other"]\ntrust_level = "untrusted"'));
});

test('an existing table of the project: the key is added after its keys, which stay', () => {
  const before = `[projects.'/work/app']  # literal-quoted header
notes = [
  "multi-line",
  "[not a header]",
]
# comment for the next table
[tui]
theme = "dark"
`;
  const home = tempHome({ 'config.toml': before });
  recordProjectTrust(home, '/work/app', 'untrusted');
  assert.equal(readFileSync(join(home, 'config.toml'), 'utf8'), before.replace(']\n# comment', ']\ntrust_level = "untrusted"\n# comment'));
});

test('a missing config.toml is created (0600); a missing CODEX_HOME too', () => {
  const home = join(tempHome(), 'new-home');
  recordProjectTrust(home, '/p', 'trusted');
  const file = join(home, 'config.toml');
  assert.equal(readFileSync(file, 'utf8'), '[projects."/p"]\ntrust_level = "trusted"\n');
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('the file is replaced atomically: a new inode renamed over it, mode kept, no temp file left, a symlink stays one', () => {
  const home = tempHome({ 'config.toml': ORIGINAL });
  const file = join(home, 'config.toml');
  chmodSync(file, 0o640);
  const oldLink = join(home, 'old-config.toml');
  linkSync(file, oldLink);
  const inode = statSync(file).ino;
  recordProjectTrust(home, '/p', 'trusted');
  assert.notEqual(statSync(file).ino, inode, 'a new file took the name');
  assert.equal(readFileSync(oldLink, 'utf8'), ORIGINAL, 'the old file was never written to');
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(home).sort(), ['config.toml', 'old-config.toml']);

  const real = join(home, 'dotfiles-config.toml');
  renameSync(file, real);
  symlinkSync(real, file);
  recordProjectTrust(home, '/q', 'untrusted');
  assert.ok(lstatSync(file).isSymbolicLink());
  assert.match(readFileSync(real, 'utf8'), /\[projects\."\/q"\]\ntrust_level = "untrusted"\n$/);
});

test('a project defined inline or with dotted keys is refused and the file left untouched', () => {
  for (const before of ['projects = { "/p" = { trust_level = "untrusted" } }\n', '[projects]\n"/p".trust_level = "untrusted"\n', 'model = "o3"\n[broken\n']) {
    const home = tempHome({ 'config.toml': before });
    assert.throws(() => recordProjectTrust(home, '/p', 'trusted'), { name: 'ConfigError' });
    assert.equal(readFileSync(join(home, 'config.toml'), 'utf8'), before);
  }
  const home = tempHome({ 'config.toml': '[projects]\n"/p".trust_level = "untrusted"\n' });
  assert.throws(() => recordProjectTrust(home, '/p', 'trusted'), /cannot edit `projects\."\/p"` as text/);
});

test('-c with a quoted project path (dots in it) trusts that folder for the run', async () => {
  const dir = join(realpathSync(tempHome()), 'a.b');
  mkdirSync(dir);
  const c = await loadConfig({ codexHome: tempHome(), env, overrides: { cwd: dir }, cliOverrides: [`projects.${JSON.stringify(dir)}.trust_level="trusted"`] });
  assert.deepEqual(c.warnings, []);
  assert.equal(c.project.trustLevel, 'trusted');
  assert.equal(c.sandboxPolicy.mode, 'workspace-write');
});
