// The trust screen (reference §3.8): its look at 80×24 through the real
// renderer (git and non-git), its keys through the app, and what an answer
// does before the session starts (recorded in a real config.toml, the
// configuration loaded again; a failed write is a warning, not an error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config/index.js';
import { needsTrustDecision } from '../../app/config/trust.js';
import type { Config, ConfigOverrides } from '../../app/config/types.js';
import { beforeSession } from '../../app/tui/before-session.js';
import { askTrust, type TrustAnswer } from '../../app/tui/trust-screen.js';
import { expectScreen, renderScreen } from '../support/screen.js';
import { waitFor } from '../support/wait.js';
import { configured, FIXED_CWD, makeApp, type Harness } from './harness.js';
import { initGitRepo } from '../support/cli.js';

async function trustApp(inGit: boolean): Promise<Harness> {
  return makeApp([], { project: { root: FIXED_CWD, inGit } });
}

test('the trust screen in a git repository, 80x24: option 1 selected (snapshot)', async () => {
  const h = await trustApp(true);
  try {
    void askTrust(h.app, h.app.config);
    assert.equal(h.app.mode, 'trust');
    const s = await expectScreen('tui/trust-git', h.app, { cols: 80, rows: 24, colors: true });
    assert.match(s.text, /^> You are running Codex in ~\/project$/m);
    assert.match(s.text, /Since this folder is version controlled/);
    assert.match(s.text, /^› 1\. Yes, allow Codex to work in this folder without asking for approval$/m);
    assert.match(s.text, /^ {2}2\. No, ask me to approve edits and commands$/m);
    assert.doesNotMatch(s.text, /Ask Codex to do anything/);
  } finally {
    h.cleanup();
  }
});

test('the trust screen outside git, 80x24: option 2 selected (snapshot)', async () => {
  const h = await trustApp(false);
  try {
    void askTrust(h.app, h.app.config);
    const s = await expectScreen('tui/trust-no-git', h.app, { cols: 80, rows: 24 });
    assert.match(s.text, /Since this folder is not version controlled, we recommend requiring approval\n {2}of all edits and commands\./);
    assert.match(s.text, /^› 2\. No, ask me to approve edits and commands$/m);
  } finally {
    h.cleanup();
  }
});

test('a narrow screen wraps the folder and the options under their text', async () => {
  const h = await makeApp([], { cwd: '/home/user/a/rather/long/path/to/the/project', project: { root: '/x', inGit: true } });
  try {
    void askTrust(h.app, h.app.config);
    const s = await renderScreen(h.app, { cols: 40, rows: 16 });
    assert.match(s.text, /^> You are running Codex in\n {2}~\/a\/rather\/long\/path\/to\/the\/project$/m);
    assert.match(s.text, /^› 1\. Yes, allow Codex to work in this\n {5}folder without asking for approval$/m);
  } finally {
    h.cleanup();
  }
});

test('keys: 1/y and 2/n answer at once, ↑/↓ move, Enter takes the selection, Ctrl+C quits', async () => {
  const h = await trustApp(true);
  try {
    const answer = async (keys: string[]): Promise<TrustAnswer> => {
      const asked = askTrust(h.app, h.app.config);
      for (const key of keys) h.app.handleInput([{ type: 'key', key }]);
      assert.equal(h.app.mode, 'composer', `closed after ${keys.join(' ')}`);
      return asked;
    };
    assert.equal(await answer(['1']), 'trusted');
    assert.equal(await answer(['y']), 'trusted');
    assert.equal(await answer(['2']), 'untrusted');
    assert.equal(await answer(['n']), 'untrusted');
    assert.equal(await answer(['enter']), 'trusted');
    assert.equal(await answer(['down', 'down', 'enter']), 'untrusted');
    assert.equal(await answer(['down', 'up', 'enter']), 'trusted');
    assert.equal(await answer(['x', 'esc', 'ctrl+c']), 'quit');
  } finally {
    h.cleanup();
  }
});

/** A real CODEX_HOME (config.toml with a comment) and a working root, in a git repository or not. */
function fixture(opts: { git: boolean; config?: string }): { home: string; repo: string; cwd: string; file: string; cleanup(): void } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-trust-')));
  const home = join(root, 'home');
  const repo = join(root, 'my "repo" dir');
  const cwd = opts.git ? join(repo, 'sub') : repo;
  mkdirSync(home);
  mkdirSync(cwd, { recursive: true });
  if (opts.git) initGitRepo(repo);
  const file = join(home, 'config.toml');
  writeFileSync(file, opts.config ?? '# my settings\nmodel = "o3"\n');
  return { home, repo, cwd, file, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

const env = { HOME: '/home/user' };

async function prepare(f: { home: string; cwd: string }, pick = false) {
  const config = await loadConfig({ codexHome: f.home, overrides: { cwd: f.cwd }, env });
  const h = await makeApp([], config);
  const reloads: ConfigOverrides[] = [];
  const reload = (extra: ConfigOverrides): Promise<Config> => {
    reloads.push(extra);
    return loadConfig({ codexHome: f.home, overrides: { cwd: f.cwd, ...extra }, env });
  };
  return { config, h, reloads, prepared: beforeSession(h.app, config, { pick, reload }) };
}

test('Yes in a git repository: recorded for the git root, the session starts with workspace-write / on-request', async () => {
  const f = fixture({ git: true });
  const { config, h, reloads, prepared } = await prepare(f);
  try {
    assert.deepEqual(config.project, { root: f.repo, inGit: true });
    assert.equal(needsTrustDecision(config), true);
    assert.equal(h.app.mode, 'trust');
    h.app.handleInput([{ type: 'key', key: '1' }]);
    const ready = await prepared;
    assert.equal(ready.choice, undefined);
    assert.deepEqual(reloads, [{}], 'loaded again from the file, no flags');
    assert.equal(ready.config.sandboxPolicy.mode, 'workspace-write');
    assert.equal(ready.config.approvalPolicy, 'on-request');
    assert.equal(h.app.config, ready.config);
    assert.equal(h.app.statusBar.info.sandbox, 'workspace-write');
    assert.equal(h.app.statusBar.info.approval, 'on-request');
    assert.equal(readFileSync(f.file, 'utf8'), `# my settings\nmodel = "o3"\n\n[projects.${JSON.stringify(f.repo)}]\ntrust_level = "trusted"\n`);
    assert.equal(needsTrustDecision(await loadConfig({ codexHome: f.home, overrides: { cwd: f.cwd }, env })), false);
  } finally {
    h.cleanup();
    f.cleanup();
  }
});

test('No outside git: "untrusted" recorded for the folder, read-only / untrusted now and on the next start', async () => {
  const f = fixture({ git: false });
  const { h, prepared } = await prepare(f);
  try {
    h.app.handleInput([{ type: 'key', key: 'enter' }]);
    const ready = await prepared;
    assert.equal(ready.config.sandboxPolicy.mode, 'read-only');
    assert.equal(ready.config.approvalPolicy, 'untrusted');
    assert.match(readFileSync(f.file, 'utf8'), /\n\[projects\."[^\n]*my \\"repo\\" dir"\]\ntrust_level = "untrusted"\n$/);
    const next = await loadConfig({ codexHome: f.home, overrides: { cwd: f.cwd }, env });
    assert.equal(needsTrustDecision(next), false);
    assert.equal(next.approvalPolicy, 'untrusted');
  } finally {
    h.cleanup();
    f.cleanup();
  }
});

test('config.toml cannot be edited: the choice holds for this run, a warning says so in the transcript', async () => {
  const inline = '# inline projects\nprojects = { "/elsewhere" = { trust_level = "trusted" } }\n';
  const f = fixture({ git: true, config: inline });
  const { h, reloads, prepared } = await prepare(f);
  try {
    h.app.handleInput([{ type: 'key', key: '2' }]);
    const ready = await prepared;
    assert.deepEqual(reloads, [{ sandboxMode: 'read-only', approvalPolicy: 'untrusted' }]);
    assert.equal(ready.config.sandboxPolicy.mode, 'read-only');
    assert.equal(ready.config.approvalPolicy, 'untrusted');
    assert.equal(readFileSync(f.file, 'utf8'), inline, 'the file is untouched');
    h.session.emit(configured());
    const s = await renderScreen(h.app, { cols: 100, rows: 30 });
    const text = s.text.replace(/\n {2}/g, ' ');
    assert.match(text, /⚠ Could not record the trust decision for \/\S+\/my "repo" dir: \/\S+\/config\.toml: cannot edit `projects\."[^`]*\\"repo\\" dir"` as text/);
    assert.match(text, /the file was not changed\. This session uses sandbox read-only and approval untrusted; Codex will ask again next time\./);
    assert.match(s.text, /sandbox read-only · approval untrusted/);
  } finally {
    h.cleanup();
    f.cleanup();
  }
});

test('Ctrl+C quits before any session; with `codex resume` the picker follows the trust screen', async () => {
  const f = fixture({ git: true });
  try {
    const first = await prepare(f);
    first.h.app.handleInput([{ type: 'key', key: 'ctrl+c' }]);
    assert.deepEqual((await first.prepared).choice, { type: 'quit' });
    assert.equal(readFileSync(f.file, 'utf8'), '# my settings\nmodel = "o3"\n', 'nothing recorded');
    first.h.cleanup();

    const second = await prepare(f, true);
    assert.equal(second.h.app.mode, 'trust');
    second.h.app.handleInput([{ type: 'key', key: '1' }]);
    // The choice is written to config.toml first, then the picker opens (once the config is loaded again, which may take a turn of the event loop).
    await waitFor(() => second.h.app.mode === 'resume', 'the picker after the trust screen');
    assert.match(readFileSync(f.file, 'utf8'), /trust_level = "trusted"/);
    second.h.app.handleInput([{ type: 'key', key: 'esc' }]);
    assert.deepEqual((await second.prepared).choice, { type: 'new' });
    second.h.cleanup();

    const decided = await prepare(f, true);
    assert.equal(decided.h.app.mode, 'resume', 'decided: straight to the picker');
    decided.h.app.handleInput([{ type: 'key', key: 'ctrl+c' }]);
    assert.deepEqual((await decided.prepared).choice, { type: 'quit' });
    decided.h.cleanup();
  } finally {
    f.cleanup();
  }
});

test('a sandbox or approval policy chosen by the user skips the screen', async () => {
  const f = fixture({ git: true });
  try {
    const load = (o: { cli?: string[]; flags?: ConfigOverrides }) => loadConfig({ codexHome: f.home, cliOverrides: o.cli ?? [], overrides: { cwd: f.cwd, ...o.flags }, env });
    assert.equal(needsTrustDecision(await load({})), true);
    for (const o of [{ flags: { sandboxMode: 'read-only' as const } }, { flags: { approvalPolicy: 'never' as const } }, { cli: ['sandbox_mode=workspace-write'] }, { cli: ['approval_policy=untrusted'] }]) {
      assert.equal(needsTrustDecision(await load(o)), false, JSON.stringify(o));
    }
    const config = await load({ flags: { sandboxMode: 'danger-full-access' } });
    const h = await makeApp([], config);
    const ready = await beforeSession(h.app, config, { pick: false, reload: () => assert.fail('no reload') });
    assert.equal(ready.config, config);
    assert.equal(h.app.mode, 'composer');
    h.cleanup();
  } finally {
    f.cleanup();
  }
});
