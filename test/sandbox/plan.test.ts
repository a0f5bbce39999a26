// Pure parts of the sandbox: the bwrap argv, the seatbelt profile, the seccomp
// program (run through a small BPF interpreter for both architectures), the
// environment policy and denial detection; plus planLaunch's refusals.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BWRAP_LOCATIONS, bwrapArgv, findBwrap } from '../../app/sandbox/bwrap.js';
import { createCommandEnv } from '../../app/sandbox/env.js';
import { looksLikeSandboxDenial, planLaunch, RootPins, SandboxUnavailableError } from '../../app/sandbox/index.js';
import { linuxBwrapProfile, modePolicy, seatbeltBaseProfile } from '../../app/sandbox/profiles.js';
import { candidateRoots, pinSessionRoots, resolveWritableRoots } from '../../app/sandbox/roots.js';
import { assembleSeccomp, seccompInstructions } from '../../app/sandbox/seccomp.js';
import { seatbeltArgv, seatbeltProfile } from '../../app/sandbox/seatbelt.js';
import type { SandboxPolicy } from '../../app/protocol/policy.js';

const WW: SandboxPolicy = { mode: 'workspace-write', writableRoots: ['/data'], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };

test('bwrap argv: read-only view, roots and the folders on the way to them, .git re-bound or reserved, fresh /dev and /proc, /sys and /proc/sys read-only, namespaces, seccomp, chdir', () => {
  const argv = bwrapArgv({
    bwrap: '/usr/bin/bwrap', profile: linuxBwrapProfile(), networkOff: true, seccompFd: 3, cwd: '/tmp/a/w/sub',
    roots: [
      { root: '/tmp', readOnlySubpaths: [], reservedSubpaths: ['/tmp/.git'], pinnedDirs: ['/tmp/a'] },
      { root: '/tmp/a/w', readOnlySubpaths: ['/tmp/a/w/.git'], reservedSubpaths: [], pinnedDirs: [] },
    ],
    argv: ['ls', '-l'],
  });
  assert.deepEqual(argv, [
    '/usr/bin/bwrap', '--new-session', '--die-with-parent', '--cap-drop', 'ALL',
    '--ro-bind', '/', '/',
    '--bind', '/tmp', '/tmp', '--bind-try', '/tmp/a', '/tmp/a', '--bind', '/tmp/a/w', '/tmp/a/w', '--ro-bind-try', '/tmp/a/w/.git', '/tmp/a/w/.git',
    '--tmpfs', '/tmp/.git', '--remount-ro', '/tmp/.git',
    '--dev', '/dev', '--remount-ro', '/dev', '--proc', '/proc',
    '--ro-bind-try', '/sys', '/sys', '--ro-bind-try', '/proc/sys', '/proc/sys', '--ro-bind-try', '/proc/sysrq-trigger', '/proc/sysrq-trigger',
    '--ro-bind-try', '/proc/irq', '/proc/irq', '--ro-bind-try', '/proc/bus', '/proc/bus',
    '--unshare-pid', '--unshare-ipc', '--unshare-net', '--seccomp', '3',
    '--chdir', '/tmp/a/w/sub', '--', 'ls', '-l',
  ]);
  const online = bwrapArgv({ bwrap: 'bwrap', profile: linuxBwrapProfile(), networkOff: false, cwd: '/w', roots: [], argv: ['x'] });
  assert.equal(online.includes('--unshare-net'), false);
  assert.equal(online.includes('--seccomp'), false);
});

test('writable root sources follow the policy and its exclude flags', () => {
  const ww = modePolicy('workspace-write');
  const inputs = { sandboxCwd: '/w', tmpdirs: ['/t1', undefined, '/t2'] };
  assert.deepEqual(candidateRoots(ww, { ...inputs, policy: WW }), ['/w', '/data', '/tmp', '/t1', '/t2']);
  assert.deepEqual(candidateRoots(ww, { ...inputs, policy: { ...WW, excludeSlashTmp: true, excludeTmpdirEnvVar: true } }), ['/w', '/data']);
  assert.deepEqual(candidateRoots(modePolicy('read-only'), { ...inputs, policy: { mode: 'read-only' } }), []);
});

const base = mkdtempSync(join(tmpdir(), 'codex-plan-'));
after(() => rmSync(base, { recursive: true, force: true }));

test('roots are canonical (symlinks resolved), de-duplicated, parents first; missing ones are skipped; a missing .git is reserved', () => {
  mkdirSync(join(base, 'ws', '.git'), { recursive: true });
  mkdirSync(join(base, 'ws', 'inner'));
  symlinkSync(join(base, 'ws'), join(base, 'ws-link'));
  const policy: SandboxPolicy = {
    ...WW, writableRoots: [join(base, 'ws', 'inner'), join(base, 'missing'), join(base, 'ws')], excludeSlashTmp: true, excludeTmpdirEnvVar: true,
  };
  const inputs = { policy, sandboxCwd: join(base, 'ws-link'), tmpdirs: [] };
  const pins = new RootPins(candidateRoots(modePolicy('workspace-write'), inputs));
  const { roots, dropped } = resolveWritableRoots(modePolicy('workspace-write'), inputs, pins);
  assert.deepEqual(roots, [
    { root: join(base, 'ws'), readOnlySubpaths: [join(base, 'ws', '.git')], reservedSubpaths: [], pinnedDirs: [] },
    { root: join(base, 'ws', 'inner'), readOnlySubpaths: [], reservedSubpaths: [join(base, 'ws', 'inner', '.git')], pinnedDirs: [] },
  ]);
  assert.deepEqual(dropped, []);
});

test('seatbelt profile: base policy, reads, writes limited to roots minus .git, network only when allowed', () => {
  const roots = [
    { root: '/Users/me/proj', readOnlySubpaths: ['/Users/me/proj/.git'], reservedSubpaths: [], pinnedDirs: [] },
    { root: '/private/tmp', readOnlySubpaths: [], reservedSubpaths: [], pinnedDirs: [] },
  ];
  const { profile, params } = seatbeltProfile({ base: seatbeltBaseProfile(), roots, networkAllowed: false, argv: ['ls'] });
  assert.ok(profile.startsWith('; Base of the macOS'));
  assert.match(profile, /\(deny default\)/);
  assert.match(profile, /\(allow file-read\*\)/);
  assert.ok(profile.includes('(allow file-write*\n  (require-all (subpath (param "WRITABLE_ROOT_0")) (require-not (subpath (param "WRITABLE_ROOT_0_RO_0"))))\n  (subpath (param "WRITABLE_ROOT_1")))'));
  assert.doesNotMatch(profile, /network-outbound/);
  assert.deepEqual(params, [['WRITABLE_ROOT_0', '/Users/me/proj'], ['WRITABLE_ROOT_0_RO_0', '/Users/me/proj/.git'], ['WRITABLE_ROOT_1', '/private/tmp']]);
  const argv = seatbeltArgv({ base: '(version 1)', roots, networkAllowed: true, argv: ['ls', '-l'] });
  assert.equal(argv[0], '/usr/bin/sandbox-exec');
  assert.equal(argv[1], '-p');
  assert.match(argv[2]!, /\(allow network-outbound\)\n\(allow network-inbound\)\n\(allow system-socket\)/);
  assert.deepEqual(argv.slice(3), ['-DWRITABLE_ROOT_0=/Users/me/proj', '-DWRITABLE_ROOT_0_RO_0=/Users/me/proj/.git', '-DWRITABLE_ROOT_1=/private/tmp', '--', 'ls', '-l']);
  const readOnly = seatbeltProfile({ base: '(version 1)', roots: [], networkAllowed: false, argv: ['ls'] }).profile;
  assert.doesNotMatch(readOnly, /file-write\*/);
});

test('the code cache directory in a root: made (0700) when missing, read-only, its parents pinned; seatbelt denies writes there as for .git', () => {
  const ws = join(base, 'cache-ws');
  mkdirSync(join(ws, '.git'), { recursive: true });
  const cache = join(ws, 'xdg', 'codex-ts');
  const inputs = { policy: { ...WW, writableRoots: [], excludeSlashTmp: true, excludeTmpdirEnvVar: true }, sandboxCwd: ws, tmpdirs: [] };
  const pins = new RootPins(candidateRoots(modePolicy('workspace-write'), inputs), undefined, undefined, cache);
  assert.equal(statSync(cache).mode & 0o777, 0o700);
  rmSync(join(ws, 'xdg'), { recursive: true }); // the user cleared it: made again before the next command
  const { roots } = resolveWritableRoots(modePolicy('workspace-write'), inputs, pins);
  assert.deepEqual(roots, [{ root: ws, readOnlySubpaths: [join(ws, '.git'), cache], reservedSubpaths: [], pinnedDirs: [join(ws, 'xdg')] }]);
  const { params } = seatbeltProfile({ base: '(version 1)', roots, networkAllowed: false, argv: ['ls'] });
  assert.deepEqual(params, [['WRITABLE_ROOT_0', ws], ['WRITABLE_ROOT_0_RO_0', join(ws, '.git')], ['WRITABLE_ROOT_0_RO_1', cache]]);
});

/** Runs a classic-BPF seccomp program on one syscall, as the kernel would. */
function runBpf(prog: Buffer, data: { nr: number; arch: number; args: number[] }): number {
  const mem = Buffer.alloc(64);
  mem.writeInt32LE(data.nr, 0);
  mem.writeUInt32LE(data.arch, 4);
  data.args.forEach((a, i) => mem.writeUInt32LE(a, 16 + i * 8));
  let acc = 0;
  for (let pc = 0; pc < prog.length / 8;) {
    const code = prog.readUInt16LE(pc * 8);
    const jt = prog.readUInt8(pc * 8 + 2);
    const jf = prog.readUInt8(pc * 8 + 3);
    const k = prog.readUInt32LE(pc * 8 + 4);
    if (code === 0x20) { acc = mem.readUInt32LE(k); pc += 1; }
    else if (code === 0x15) pc += 1 + (acc === k ? jt : jf);
    else if (code === 0x35) pc += 1 + (acc >= k ? jt : jf);
    else if (code === 0x06) return k;
    else throw new Error(`unexpected opcode ${code}`);
  }
  throw new Error('fell off the program');
}

const RULES = linuxBwrapProfile().whenNetworkOff.seccomp;
const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;
const KILL = 0x80000000;

for (const [arch, auditArch, socketNr] of [['x64', 0xc000003e, 41], ['arm64', 0xc00000b7, 198]] as const) {
  test(`seccomp (${arch}): socket() refused for AF_UNIX/AF_INET/AF_INET6 and every family but netlink; io_uring refused; other arches killed`, () => {
    const prog = assembleSeccomp(RULES, arch);
    const sys = (nr: number, ...args: number[]) => runBpf(prog, { nr, arch: auditArch, args });
    assert.equal(sys(socketNr, 1), EPERM);
    assert.equal(sys(socketNr, 2), EPERM);
    assert.equal(sys(socketNr, 10), EPERM);
    assert.equal(sys(socketNr, 40), EPERM, 'AF_VSOCK: not confined by a network namespace');
    assert.equal(sys(socketNr, 17), EPERM, 'AF_PACKET');
    assert.equal(sys(socketNr, 16), ALLOW, 'AF_NETLINK is the one allowed family');
    assert.equal(sys(arch === 'x64' ? 53 : 199, 1), ALLOW, 'socketpair(AF_UNIX) stays allowed');
    for (const nr of [425, 426, 427]) assert.equal(sys(nr), EPERM);
    assert.equal(sys(0), ALLOW);
    assert.equal(runBpf(prog, { nr: socketNr, arch: 0x40000003, args: [2] }), KILL, 'i386 syscalls are killed');
    if (arch === 'x64') assert.equal(sys(0x40000000 + 41, 2), EPERM, 'x32 syscalls are refused');
  });
}

test('seccomp: unknown architectures are refused, not silently unfiltered', () => {
  assert.throws(() => seccompInstructions(RULES, 'riscv64'), /no seccomp filter for CPU architecture riscv64/);
});

test('environment policy: inherit all/core/none, default excludes, exclude, set, include_only, in that order', () => {
  const parent = { HOME: '/h', PATH: '/bin', OPENAI_API_KEY: 'k', my_secret_x: 's', GH_TOKEN: 't', FOO: 'f', BAR: 'b', EDITOR: 'vi' };
  assert.deepEqual(createCommandEnv(undefined, parent), { HOME: '/h', PATH: '/bin', FOO: 'f', BAR: 'b', EDITOR: 'vi' });
  assert.deepEqual(createCommandEnv({ inherit: 'core' }, parent), { HOME: '/h', PATH: '/bin' });
  assert.deepEqual(createCommandEnv({ inherit: 'none', set: { A: '1' } }, parent), { A: '1' });
  assert.deepEqual(
    createCommandEnv({ ignore_default_excludes: true, exclude: ['f?o', 'EDIT*'] }, parent),
    { HOME: '/h', PATH: '/bin', OPENAI_API_KEY: 'k', my_secret_x: 's', GH_TOKEN: 't', BAR: 'b' },
  );
  // set runs before include_only, so a set variable must also be included to survive
  assert.deepEqual(createCommandEnv({ set: { NEW_VAR: 'n', OTHER: 'o' }, include_only: ['path', 'new_*'] }, parent), { PATH: '/bin', NEW_VAR: 'n' });
  // set may re-add a name the default excludes dropped
  assert.deepEqual(createCommandEnv({ inherit: 'none', set: { MY_TOKEN: 'x' } }, parent), { MY_TOKEN: 'x' });
});

test('sandbox denial: only sandboxed, non-zero, not 127, with a denial message', () => {
  const r = { sandbox: 'linux-bwrap' as const, exitCode: 1, stdout: '', stderr: "touch: cannot touch '/x': Read-only file system" };
  assert.equal(looksLikeSandboxDenial(r), true);
  assert.equal(looksLikeSandboxDenial({ ...r, stderr: 'PermissionError: [Errno 1] Operation not permitted' }), true);
  assert.equal(looksLikeSandboxDenial({ ...r, sandbox: 'none' }), false);
  assert.equal(looksLikeSandboxDenial({ ...r, exitCode: 0 }), false);
  assert.equal(looksLikeSandboxDenial({ ...r, exitCode: 127 }), false);
  assert.equal(looksLikeSandboxDenial({ ...r, stderr: 'assertion failed: 1 != 2' }), false);
  assert.equal(looksLikeSandboxDenial({ ...r, timedOut: true }), false);
});

test('planLaunch: danger-full-access runs the command directly with the env unchanged', async () => {
  const plan = await planLaunch({ argv: ['ls'], cwd: base, sandboxCwd: base, policy: { mode: 'danger-full-access' }, env: { A: '1' }, pins: new RootPins([base]) });
  assert.deepEqual(plan, { argv: ['ls'], env: { A: '1' }, cwd: base, sandbox: 'none' });
});

test('findBwrap: only a root-owned bwrap at a fixed location; one on PATH is never used; none: refuses with how to fix it', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'codex-fake-bwrap-')));
  try {
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'bwrap'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'bin', 'bwrap'), 0o755);
    const saved = process.env['PATH'];
    process.env['PATH'] = `${join(dir, 'bin')}:${saved ?? ''}`;
    try {
      assert.ok(BWRAP_LOCATIONS.includes(findBwrap()), 'PATH is not consulted');
    } finally {
      process.env['PATH'] = saved;
    }
    // Not root-owned-and-unwritable by others (a temp folder is world-writable): refused.
    assert.throws(() => findBwrap([join(dir, 'bin', 'bwrap')]), (err: unknown) => {
      assert.ok(err instanceof SandboxUnavailableError);
      assert.match(err.message, /`bwrap` \(bubblewrap\) was not found at .*fake-bwrap.*\/bin\/bwrap \(owned by root/);
      assert.match(err.message, /The command was not run/);
      assert.match(err.message, /apt-get install bubblewrap/);
      assert.match(err.message, /--sandbox danger-full-access/);
      return true;
    });
    assert.throws(() => findBwrap(['/nonexistent/bwrap']), SandboxUnavailableError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('planLaunch: a TMPDIR set for the command (shell_environment_policy.set) is not a writable root', async (t) => {
  if (process.platform !== 'linux') return t.skip('Linux only');
  const plan = await planLaunch({ argv: ['true'], cwd: base, sandboxCwd: base, policy: WW, env: { TMPDIR: '/root' }, pins: pinSessionRoots(WW, base, undefined) });
  const binds = plan.argv.flatMap((a, i) => (a === '--bind' ? [plan.argv[i + 1]] : []));
  assert.equal(binds.includes('/root'), false, binds.join(' '));
});
