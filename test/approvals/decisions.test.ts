import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  assessCommandSafety, assessPatchSafety, MESSAGES, patchWritableRoots, sandboxFailureAction, SessionApprovals,
} from '../../app/approvals/index.js';
import type { PatchChange } from '../../app/approvals/index.js';
import type { ApprovalPolicy, SandboxPolicy } from '../../app/protocol/policy.js';
import { initGitRepo } from '../support/cli.js';
import { RootPins } from '../../app/sandbox/pins.js';

const RO: SandboxPolicy = { mode: 'read-only' };
const WW: SandboxPolicy = { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: true, excludeSlashTmp: true };
const FULL: SandboxPolicy = { mode: 'danger-full-access' };
const UNSAFE = ['touch', 'x'];
const ALL_MODES: readonly SandboxPolicy[] = [RO, WW, FULL];
const ALL_POLICIES: readonly ApprovalPolicy[] = ['untrusted', 'on-failure', 'on-request', 'never'];
const none = new SessionApprovals();

test('known-safe commands need no approval but stay in the sandbox; session-approved commands run unsandboxed', () => {
  const approved = new SessionApprovals();
  approved.approve(UNSAFE);
  for (const policy of ALL_POLICIES) {
    for (const sp of ALL_MODES) {
      const sandbox = sp.mode === 'danger-full-access' ? 'none' : 'platform';
      assert.deepEqual(assessCommandSafety(['ls'], policy, sp, none, { platformSandbox: true }), { decision: 'auto-approve', sandbox });
      assert.deepEqual(assessCommandSafety(['git', 'status'], policy, sp, none, { platformSandbox: false }), { decision: 'auto-approve', sandbox: 'none' });
      assert.deepEqual(assessCommandSafety(UNSAFE, policy, sp, approved), { decision: 'auto-approve', sandbox: 'none' });
    }
  }
  assert.equal(approved.has(['touch', 'y']), false);
});

// The table of reference §5.3 for a command that is neither safe nor approved.
const TABLE: [ApprovalPolicy, SandboxPolicy, { escalate?: boolean; platform?: boolean }, unknown][] = [
  ['untrusted', RO, {}, { decision: 'ask-user' }],
  ['untrusted', WW, {}, { decision: 'ask-user' }],
  ['untrusted', FULL, {}, { decision: 'ask-user' }],
  ['on-failure', WW, {}, { decision: 'auto-approve', sandbox: 'platform' }],
  ['on-failure', RO, { platform: false }, { decision: 'ask-user' }],
  ['on-failure', FULL, {}, { decision: 'auto-approve', sandbox: 'none' }],
  ['on-request', WW, {}, { decision: 'auto-approve', sandbox: 'platform' }],
  ['on-request', WW, { escalate: true }, { decision: 'ask-user' }],
  ['on-request', RO, { platform: false }, { decision: 'ask-user' }],
  ['on-request', FULL, { escalate: true }, { decision: 'auto-approve', sandbox: 'none' }],
  ['never', RO, {}, { decision: 'auto-approve', sandbox: 'platform' }],
  ['never', WW, { platform: false }, { decision: 'reject', reason: 'auto-rejected because command is not on trusted list' }],
  ['never', FULL, {}, { decision: 'auto-approve', sandbox: 'none' }],
];

for (const [policy, sandbox, opts, expected] of TABLE) {
  test(`command safety: ${policy} × ${sandbox.mode} ${JSON.stringify(opts)}`, () => {
    const got = assessCommandSafety(UNSAFE, policy, sandbox, none, {
      withEscalatedPermissions: opts.escalate ?? false, platformSandbox: opts.platform ?? true,
    });
    assert.deepEqual(got, expected);
  });
}

test('after a sandbox denial, untrusted and on-failure offer a retry; the others report to the model', () => {
  assert.equal(sandboxFailureAction('untrusted'), 'offer-retry');
  assert.equal(sandboxFailureAction('on-failure'), 'offer-retry');
  assert.equal(sandboxFailureAction('on-request'), 'report');
  assert.equal(sandboxFailureAction('never'), 'report');
});

const base = mkdtempSync(join(tmpdir(), 'codex-patch-'));
after(() => rmSync(base, { recursive: true, force: true }));
const ws = join(base, 'ws');
const outside = join(base, 'outside');
initGitRepo(ws);
const pins = new RootPins([ws, base, '/tmp', process.env['TMPDIR']]);
mkdirSync(outside);
symlinkSync(outside, join(ws, 'escape'));
const add = { add: { content: 'x' } };

test('patch safety: inside the working root is auto-approved in the sandbox', () => {
  const roots = patchWritableRoots(WW, ws, pins);
  assert.deepEqual(assessPatchSafety({ 'src/a.ts': add }, 'on-request', roots, ws), { decision: 'auto-approve', sandbox: 'platform' });
  assert.deepEqual(assessPatchSafety({ [join(ws, 'b.ts')]: add }, 'never', roots, ws), { decision: 'auto-approve', sandbox: 'platform' });
});

test('patch safety: writes outside the roots, through a symlink, into .git or via a move need approval', () => {
  const roots = patchWritableRoots(WW, ws, pins);
  const cases: Record<string, PatchChange>[] = [
    { [join(outside, 'a')]: add },
    { 'escape/a': add },
    { '.git/hooks/pre-commit': add },
    { '../outside/a': add },
    { 'a.ts': { update: { move_path: join(outside, 'moved.ts') } } },
  ];
  for (const changes of cases) {
    assert.deepEqual(assessPatchSafety(changes, 'on-request', roots, ws), { decision: 'ask-user' }, JSON.stringify(changes));
    assert.deepEqual(assessPatchSafety(changes, 'never', roots, ws), { decision: 'reject', reason: MESSAGES.patchOutsideProject });
    assert.deepEqual(assessPatchSafety(changes, 'on-failure', roots, ws), { decision: 'auto-approve', sandbox: 'platform' });
  }
});

test('patch safety: the project\'s .git stays protected when a parent directory is also a writable root', () => {
  const roots = patchWritableRoots({ ...WW, writableRoots: [base] }, ws, pins);
  assert.deepEqual(assessPatchSafety({ '.git/hooks/pre-commit': add }, 'never', roots, ws), { decision: 'reject', reason: MESSAGES.patchOutsideProject });
  assert.deepEqual(assessPatchSafety({ [join(outside, 'a')]: add }, 'never', roots, ws), { decision: 'auto-approve', sandbox: 'platform' });
});

test('patch safety: read-only has no roots, granted roots count, danger-full-access writes anywhere', () => {
  assert.deepEqual(assessPatchSafety({ 'a.ts': add }, 'on-request', patchWritableRoots(RO, ws, pins), ws), { decision: 'ask-user' });
  const session = new SessionApprovals();
  session.grantRoot(outside);
  const granted = patchWritableRoots(RO, ws, pins, session.grantedRoots);
  assert.deepEqual(assessPatchSafety({ [join(outside, 'a')]: add }, 'on-request', granted, ws), { decision: 'auto-approve', sandbox: 'platform' });
  assert.deepEqual(assessPatchSafety({ '/etc/x': add }, 'never', patchWritableRoots(FULL, ws, pins), ws), { decision: 'auto-approve', sandbox: 'none' });
});

test('patch safety: under untrusted, a patch inside a root the user granted for the session is not asked about again', () => {
  const session = new SessionApprovals();
  session.grantRoot(ws);
  const granted = patchWritableRoots(RO, ws, pins, session.grantedRoots) as Exclude<ReturnType<typeof patchWritableRoots>, 'all'>;
  assert.deepEqual(assessPatchSafety({ 'a.ts': add }, 'untrusted', patchWritableRoots(WW, ws, pins), ws, granted), { decision: 'auto-approve', sandbox: 'platform' });
  assert.deepEqual(assessPatchSafety({ [join(outside, 'a')]: add }, 'untrusted', patchWritableRoots(WW, ws, pins), ws, granted), { decision: 'ask-user' });
  assert.deepEqual(assessPatchSafety({ '.git/config': add }, 'untrusted', patchWritableRoots(WW, ws, pins), ws, granted), { decision: 'ask-user' });
});

test('patch safety: untrusted always asks and an empty patch is rejected', () => {
  assert.deepEqual(assessPatchSafety({ 'a.ts': add }, 'untrusted', patchWritableRoots(WW, ws, pins), ws), { decision: 'ask-user' });
  assert.deepEqual(assessPatchSafety({}, 'on-request', patchWritableRoots(WW, ws, pins), ws), { decision: 'reject', reason: 'empty patch' });
});
