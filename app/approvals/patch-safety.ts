// assess_patch_safety (reference §5.4): may a patch be applied without asking?
// Every written path (add, update, delete, move destination) must resolve,
// symlinks followed, inside a writable root and outside its protected .git.
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ApprovalPolicy, SandboxPolicy } from '../protocol/policy.js';
import { modePolicy } from '../sandbox/profiles.js';
import { isPathWritable, resolveWritableRoots } from '../sandbox/roots.js';
import type { WritableRoot } from '../sandbox/roots.js';
import type { RootPins } from '../sandbox/pins.js';
import { MESSAGES } from './decision.js';
import type { SafetyCheck } from './decision.js';

/** Structural view of the protocol's FileChange (app/protocol/events.ts): only what decides safety. */
export type PatchChange =
  | { readonly add: unknown }
  | { readonly delete: unknown }
  | { readonly update: { readonly move_path?: string } };

/** `all` under danger-full-access; otherwise the canonical roots a patch may write. */
export type PatchRoots = 'all' | readonly WritableRoot[];

/** The roots of the sandbox policy plus roots granted for this session, as pinned at its start (as the sandbox binds them). */
export function patchWritableRoots(policy: SandboxPolicy, cwd: string, pins: RootPins, grantedRoots: readonly string[] = []): PatchRoots {
  if (policy.mode === 'danger-full-access') return 'all';
  // read-only has no roots of its own (data: read-only.json); granted roots still count.
  return resolveWritableRoots(modePolicy(policy.mode), { policy, sandboxCwd: cwd, tmpdirs: [process.env['TMPDIR']] }, pins, grantedRoots).roots;
}

/** The path a write would really reach: the deepest existing ancestor canonicalized, the rest appended. */
export function realTarget(path: string): string {
  const rest: string[] = [];
  let p = resolve(path);
  while (!existsSync(p)) {
    const parent = dirname(p);
    if (parent === p) break;
    rest.unshift(basename(p));
    p = parent;
  }
  return join(existsSync(p) ? realpathSync(p) : p, ...rest);
}

export function writtenPaths(changes: Readonly<Record<string, PatchChange>>, cwd: string): string[] {
  const out: string[] = [];
  for (const [path, change] of Object.entries(changes)) {
    out.push(resolve(cwd, path));
    if ('update' in change && change.update.move_path) out.push(resolve(cwd, change.update.move_path));
  }
  return out;
}

/**
 * `grantedRoots`: only the roots the user granted this session ("don't ask
 * again for these files"); under `untrusted` a patch inside them is not asked
 * about again, everything else is.
 */
export function assessPatchSafety(
  changes: Readonly<Record<string, PatchChange>>,
  approvalPolicy: ApprovalPolicy,
  writableRoots: PatchRoots,
  cwd: string,
  grantedRoots: readonly WritableRoot[] = [],
): SafetyCheck {
  if (Object.keys(changes).length === 0) return { decision: 'reject', reason: MESSAGES.emptyPatch };
  const sandbox = writableRoots === 'all' ? 'none' : 'platform';
  const within = (roots: readonly WritableRoot[]) => writtenPaths(changes, cwd).every((p) => isPathWritable(realTarget(p), roots));
  if (approvalPolicy === 'untrusted') return grantedRoots.length && within(grantedRoots) ? { decision: 'auto-approve', sandbox } : { decision: 'ask-user' };
  const constrained = writableRoots === 'all' || within(writableRoots);
  if (constrained || approvalPolicy === 'on-failure') return { decision: 'auto-approve', sandbox };
  if (approvalPolicy === 'never') return { decision: 'reject', reason: MESSAGES.patchOutsideProject };
  return { decision: 'ask-user' };
}
