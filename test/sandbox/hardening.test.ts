// Sandbox escapes (issue 17 items 1–7, issue 18 item 1), each tried the way
// an agent would, with the REAL bwrap: through `codex debug landlock` (the
// real CLI, as root and, where bwrap allows, as an unprivileged user) or
// through planLaunch with a session's pinned roots across several commands.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import type { SandboxPolicy } from '../../app/protocol/policy.js';
import { RootPins } from '../../app/sandbox/pins.js';
import { planLaunch, spawnPlan } from '../../app/sandbox/index.js';
import { initGitRepo } from '../support/cli.js';
import { processesWith } from '../support/procs.js';
import { missingTool } from '../support/tools.js';
import { waitFor } from '../support/wait.js';
import { collect, debugLandlock, NOBODY, nonRootSkip, runIn, sh, startLandlock } from './support.js';

const skip = missingTool('bwrap');

// Under /tmp, which --full-auto makes writable: the attacks need writable parents.
const base = mkdtempSync('/tmp/codex-harden-');
chmodSync(base, 0o755);
// Not under /tmp: somewhere no writable root reaches.
const outside = mkdtempSync('/var/tmp/codex-harden-outside-');
after(() => {
  rmSync(base, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

let n = 0;
/** A fresh folder under base, owned by `uid`. */
function fresh(name: string, uid = 0): string {
  const dir = join(base, `${name}-${(n += 1)}`);
  mkdirSync(dir, { recursive: true });
  if (uid !== 0) chownSync(dir, uid, uid);
  return dir;
}

const USERS: [string, number | undefined, string | false][] = [['root', undefined, skip], ['an unprivileged user', NOBODY, nonRootSkip]];

for (const [who, uid, skipWho] of USERS) {
  describe(`as ${who}`, () => {
    test('CODEX_HOME inside the working root stays read-only (config.toml cannot be changed or swapped)', { skip: skipWho }, async () => {
      const home = fresh('home', uid);
      const codexHome = join(home, '.codex');
      mkdirSync(codexHome);
      writeFileSync(join(codexHome, 'config.toml'), '# mine\n');
      if (uid !== undefined) chownSync(codexHome, uid, uid);
      if (uid !== undefined) chownSync(join(codexHome, 'config.toml'), uid, uid);
      const script = 'echo \'sandbox_mode = "danger-full-access"\' >> .codex/config.toml; mv .codex .codex-old; touch ok';
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', script], { cwd: home, home: codexHome, ...(uid !== undefined && { uid }) });
      assert.equal(readFileSync(join(codexHome, 'config.toml'), 'utf8'), '# mine\n', r.stderr);
      assert.equal(existsSync(join(home, '.codex-old')), false);
      assert.equal(existsSync(join(home, 'ok')), true, `the rest of the root stays writable: ${r.stderr}`);
    });

    test('codex killed with SIGKILL mid-command: the next run removes the .git mount point it left', { skip: skipWho }, async () => {
      const ws = fresh('killed', uid);
      const codexHome = fresh('codex-home', uid);
      const marker = `30.${process.pid}${uid ?? 0}`;
      const opts = { cwd: ws, home: codexHome, ...(uid !== undefined && { uid }) };
      const codex = startLandlock(['--full-auto', '--', '/bin/sh', '-c', `touch started; exec sleep ${marker}`], opts);
      const ended = collect(codex, 30_000);
      await waitFor(() => existsSync(join(ws, 'started')), 'the sandboxed command to start');
      assert.equal(existsSync(join(ws, '.git')), true, 'the mount point covering the missing .git');
      codex.kill('SIGKILL');
      await ended;
      await waitFor(() => processesWith(marker).length === 0, 'the sandbox to die with codex');
      assert.equal(existsSync(join(ws, '.git')), true, 'left behind by the killed codex');
      const next = await debugLandlock(['--', '/bin/true'], { ...opts, cwd: fresh('elsewhere', uid) });
      assert.equal(next.code, 0, next.stderr);
      assert.equal(existsSync(join(ws, '.git')), false, 'the next run removed it');
    });

    test('a symlinked .git cannot be replaced: its root is not bound, and says why', { skip: skipWho }, async () => {
      const ws = fresh('linked-git', uid);
      const real = fresh('real-git', uid);
      initGitRepo(real);
      if (uid !== undefined) spawnSync('chown', ['-R', `${uid}:${uid}`, real]);
      symlinkSync(join(real, '.git'), join(ws, '.git'));
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', 'rm .git; mkdir .git; echo evil > .git/config'],
        { cwd: ws, home: fresh('codex-home', uid), ...(uid !== undefined && { uid }) });
      assert.equal(lstatSync(join(ws, '.git')).isSymbolicLink(), true, `the link was replaced: ${r.stderr}`);
      assert.doesNotMatch(readFileSync(join(real, '.git', 'config'), 'utf8'), /evil/);
      assert.match(r.stderr, new RegExp(`writable root ${ws} is not bound: ${join(ws, '.git')} is a symlink`));
    });

    test('CODEX_HOME through a symlink, or below a plain folder, in the working root: no name on the way can be replaced', { skip: skipWho }, async () => {
      const home = fresh('linked-home', uid);
      const real = fresh('codex-real', uid);
      writeFileSync(join(real, 'config.toml'), '# mine\n');
      symlinkSync(real, join(home, '.codex'));
      const swap = 'mv .codex .codex-old; rm -f .codex; mkdir .codex; echo \'sandbox_mode = "danger-full-access"\' > .codex/config.toml';
      const linked = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', swap], { cwd: home, home: join(home, '.codex'), ...(uid !== undefined && { uid }) });
      assert.equal(lstatSync(join(home, '.codex')).isSymbolicLink(), true, `the link was replaced: ${linked.stderr}`);
      assert.equal(readFileSync(join(home, '.codex', 'config.toml'), 'utf8'), '# mine\n');

      const nested = join(home, 'cfg', 'codex');
      mkdirSync(nested, { recursive: true });
      writeFileSync(join(nested, 'config.toml'), '# mine\n');
      if (uid !== undefined) spawnSync('chown', ['-R', `${uid}:${uid}`, join(home, 'cfg')]);
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', 'mv cfg cfg-old; mkdir -p cfg/codex; echo evil > cfg/codex/config.toml; touch ok'],
        { cwd: home, home: nested, ...(uid !== undefined && { uid }) });
      assert.equal(existsSync(join(home, 'cfg-old')), false, `the folder holding CODEX_HOME was renamed: ${r.stderr}`);
      assert.equal(readFileSync(join(nested, 'config.toml'), 'utf8'), '# mine\n');
      assert.equal(existsSync(join(home, 'ok')), true, `the rest of the root stays writable: ${r.stderr}`);
    });

    test('/proc/sys and /sys are read-only, in read-only and workspace-write', { skip: skipWho }, async () => {
      const home = fresh('procsys', uid);
      const codexHome = fresh('codex-home', uid);
      // Writes back the value already there: harmless if the sandbox ever let it through.
      const script = 'test -w /proc/sys/kernel/core_pattern && echo WRITABLE; v=$(cat /proc/sys/kernel/core_pattern); '
        + 'printf "%s\\n" "$v" > /proc/sys/kernel/core_pattern && echo WROTE; test -w /sys/kernel && echo SYS-WRITABLE; echo done';
      for (const mode of [[], ['--full-auto']]) {
        const r = await debugLandlock([...mode, '--', '/bin/sh', '-c', script], { cwd: home, home: codexHome, ...(uid !== undefined && { uid }) });
        assert.equal(r.stdout, 'done\n', `${mode.join(' ') || 'read-only'}: ${r.stdout} ${r.stderr}`);
      }
    });

    test('in a folder without .git, git init cannot create one, and no .git is left behind', { skip: skipWho }, async () => {
      const home = fresh('nogit', uid);
      const codexHome = fresh('codex-home', uid);
      const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', 'git init -q . ; mkdir -p .git/hooks; touch made; echo end'],
        { cwd: home, home: codexHome, ...(uid !== undefined && { uid }) });
      assert.equal(r.stdout, 'end\n', r.stderr);
      assert.equal(existsSync(join(home, 'made')), true, r.stderr);
      assert.equal(existsSync(join(home, '.git')), false, 'no .git made, and the mount point is gone');
    });
  });
}

test('a .git file: the git directory it names (and a worktree\'s common directory) stay read-only', { skip }, async () => {
  const repo = fresh('main-repo');
  initGitRepo(repo);
  const separate = fresh('separate');
  initGitRepo(separate); // separate/.git is the git directory a `--separate-git-dir` work tree points to
  const work = fresh('work');
  writeFileSync(join(work, '.git'), `gitdir: ${join(separate, '.git')}\n`);
  const wtGit = join(repo, '.git', 'worktrees', 'wt');
  mkdirSync(wtGit, { recursive: true });
  writeFileSync(join(wtGit, 'HEAD'), 'ref: refs/heads/topic\n');
  writeFileSync(join(wtGit, 'commondir'), '../..\n');
  const wt = fresh('wt');
  writeFileSync(join(wt, '.git'), `gitdir: ${wtGit}\n`);
  for (const [cwd, gitDir, common] of [[work, join(separate, '.git'), join(separate, '.git')], [wt, wtGit, join(repo, '.git')]] as const) {
    const script = `echo x > ${gitDir}/hooks-pre-commit; echo x > ${common}/config-evil; echo x > .git; touch ok`;
    const r = await debugLandlock(['--full-auto', '--', '/bin/sh', '-c', script], { cwd, home: fresh('codex-home') });
    assert.equal(existsSync(join(gitDir, 'hooks-pre-commit')), false, r.stderr);
    assert.equal(existsSync(join(common, 'config-evil')), false, r.stderr);
    assert.match(readFileSync(join(cwd, '.git'), 'utf8'), /^gitdir: /);
    assert.equal(existsSync(join(cwd, 'ok')), true, r.stderr);
  }
});

test('a bwrap planted in a PATH directory is never used', { skip }, async () => {
  const home = fresh('planted');
  const codexHome = fresh('codex-home');
  const plant = fresh('plant-bin');
  const marker = join(outside, 'planted-bwrap-ran');
  writeFileSync(join(plant, 'bwrap'), `#!/bin/sh\ntouch ${marker}\nwhile [ "$1" != "--" ]; do shift; done; shift; exec "$@"\n`);
  chmodSync(join(plant, 'bwrap'), 0o755);
  const r = await debugLandlock(['--', '/bin/sh', '-c', 'touch written'], { cwd: home, home: codexHome, path: `${plant}:${process.env['PATH'] ?? '/usr/bin:/bin'}` });
  assert.equal(existsSync(marker), false, 'the planted bwrap ran');
  assert.equal(existsSync(join(home, 'written')), false, 'read-only mode let a write through');
  assert.match(r.stderr, /Read-only file system/);
});

describe('roots pinned at the session start', () => {
  const ww = (writableRoots: string[]): SandboxPolicy =>
    ({ mode: 'workspace-write', writableRoots, networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true });

  test('a configured root missing at the start stays unbound, even once the agent made it a symlink', { skip }, async () => {
    const ws = fresh('ws');
    const target = fresh('elsewhere');
    mkdirSync(join(outside, 'build-target'));
    const policy = ww([join(ws, 'build')]);
    const pins = new RootPins([ws, join(ws, 'build')]);
    const first = await runIn(policy, sh(`ln -s ${join(outside, 'build-target')} build`), { cwd: ws, pins });
    assert.equal(first.code, 0, first.stderr);
    const second = await runIn(policy, sh('echo x > build/escaped'), { cwd: ws, pins });
    assert.notEqual(second.code, 0);
    assert.equal(existsSync(join(outside, 'build-target', 'escaped')), false, 'wrote outside through the new root');
    assert.deepEqual(second.plan.dropped, [`writable root ${join(ws, 'build')} is not bound: it did not exist when the session started`]);
    rmSync(target, { recursive: true });
  });

  test('a root whose parent was swapped for a symlink between commands is dropped, with the reason', { skip }, async () => {
    const parent = fresh('parent');
    const tmpRoot = join(parent, 'tmpdir');
    mkdirSync(tmpRoot);
    const ws = fresh('ws');
    mkdirSync(join(outside, 'tmpdir'), { recursive: true });
    const policy = ww([tmpRoot]);
    const pins = new RootPins([ws, tmpRoot]);
    const ok = await runIn(policy, sh(`touch ${tmpRoot}/before`), { cwd: ws, pins });
    assert.equal(ok.code, 0, ok.stderr);
    // What an earlier command could do with a writable grandparent: rename the parent, leave a symlink.
    renameSync(parent, `${parent}-old`);
    symlinkSync(outside, parent);
    const r = await runIn(policy, sh(`echo x > ${tmpRoot}/escaped`), { cwd: ws, pins });
    assert.notEqual(r.code, 0);
    assert.equal(existsSync(join(outside, 'tmpdir', 'escaped')), false, 'wrote outside through the swapped root');
    assert.deepEqual(r.plan.dropped, [`writable root ${tmpRoot} is not bound: it now leads to ${join(outside, 'tmpdir')} (a symlink was put in its path)`]);
    const still = await runIn(policy, sh('touch in-ws'), { cwd: ws, pins });
    assert.equal(still.code, 0, 'the other roots stay bound');
  });
});

test('a command still running cannot swap a root for a symlink between the pin check and the mount', { skip }, async () => {
  // The window: planLaunch checked the pins; bwrap has not bound the roots yet.
  // A sandboxed command left running (a background job) swaps the root's parent then
  // (for a relative link, which bwrap follows alike on the host and in its new root).
  const grand = fresh('grand');
  const tmpRoot = join(grand, 'parent', 'tmpdir');
  mkdirSync(tmpRoot, { recursive: true });
  mkdirSync(join(outside, 'race', 'tmpdir'), { recursive: true });
  const policy: SandboxPolicy = { mode: 'workspace-write', writableRoots: [grand, tmpRoot], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true };
  const pins = new RootPins([grand, tmpRoot]);
  const swap = `while [ ! -e go ]; do sleep 0.02; done; mv parent parent-old && ln -s ${relative(grand, join(outside, 'race'))} parent; echo $? > swapped`;
  const background = runIn(policy, sh(swap), { cwd: grand, pins });
  const plan = await planLaunch({ argv: sh(`echo x > ${tmpRoot}/escaped`), cwd: grand, sandboxCwd: grand, policy, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, pins });
  assert.deepEqual(plan.dropped ?? [], []);
  writeFileSync(join(grand, 'go'), '');
  const ran = await background;
  assert.equal(ran.code, 0, ran.stderr);
  const r = await collect(spawnPlan(plan, { stdio: ['ignore', 'pipe', 'pipe'] }));
  assert.equal(existsSync(join(outside, 'race', 'tmpdir', 'escaped')), false, `wrote outside through the swapped root: ${r.stderr}`);
  assert.notEqual(readFileSync(join(grand, 'swapped'), 'utf8'), '0\n', `the parent of a root was swapped: ${ran.stderr}`);
  assert.equal(readFileSync(join(tmpRoot, 'escaped'), 'utf8'), 'x\n', r.stderr);
});

describe('a .git that appears or vanishes between planning and bwrap', () => {
  const WW: SandboxPolicy = { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true };

  async function planThen(ws: string, between: () => void, script: string): ReturnType<typeof collect> {
    const plan = await planLaunch({ argv: sh(script), cwd: ws, sandboxCwd: ws, policy: WW, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }, pins: new RootPins([ws]) });
    between();
    return collect(spawnPlan(plan, { stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  test('vanished: the command still runs', { skip }, async () => {
    const ws = fresh('vanish');
    mkdirSync(join(ws, '.git'));
    const r = await planThen(ws, () => rmSync(join(ws, '.git'), { recursive: true }), 'echo ran');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ran\n');
  });

  test('appeared: the command still runs and the .git stays read-only', { skip }, async () => {
    const ws = fresh('appear');
    const r = await planThen(ws, () => mkdirSync(join(ws, '.git')), 'touch .git/config; touch ok; echo ran');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ran\n');
    assert.equal(existsSync(join(ws, '.git', 'config')), false);
    assert.equal(existsSync(join(ws, 'ok')), true);
    assert.equal(existsSync(join(ws, '.git')), true, 'a .git that was not ours is left alone');
  });
});
