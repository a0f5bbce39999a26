// apply_patch as a tool call (reference §4.4, §5.4): preview the patch against
// the files, decide with the patch-safety rules (asking when needed), apply it
// atomically, and report patch_apply_begin/end plus the turn's diff.
import { dirname } from 'node:path';
import { assessPatchSafety, MESSAGES, patchRejected, patchWritableRoots } from '../approvals/index.js';
import { writtenPaths } from '../approvals/patch-safety.js';
import { applyPatch, journalPathFor, previewPatch } from '../tools/apply-patch/index.js';
import type { FileChange } from '../protocol/events.js';
import type { ReviewDecision } from '../protocol/ops.js';
import type { ToolEnv } from './tool-env.js';

function granted(decision: ReviewDecision): boolean {
  return decision === 'approved' || decision === 'approved_for_session';
}

export async function handlePatch(patch: string, cwd: string, env: ToolEnv): Promise<string> {
  const preview = await previewPatch(patch, cwd);
  if (!preview.ok) return preview.error;
  const { ctx, approvals } = env;
  const roots = patchWritableRoots(ctx.sandboxPolicy, ctx.cwd, env.sandboxRoots, approvals.grantedRoots);
  // The granted roots alone (read-only has none of its own): what untrusted stops asking about.
  const onlyGranted = approvals.grantedRoots.length ? patchWritableRoots({ mode: 'read-only' }, ctx.cwd, env.sandboxRoots, approvals.grantedRoots) : [];
  const check = assessPatchSafety(preview.changes, ctx.approvalPolicy, roots, cwd, onlyGranted === 'all' ? [] : onlyGranted);
  if (check.decision === 'reject') return patchRejected(check.reason);
  // Applied in-process, so the sandbox cannot stop a write outside the roots:
  // what the sandbox would deny (on-failure) is asked for instead.
  const inRoots = assessPatchSafety(preview.changes, 'never', roots, cwd).decision === 'auto-approve';
  let autoApproved = check.decision === 'auto-approve';
  if (!autoApproved || !inRoots) {
    const paths = writtenPaths(preview.changes, cwd);
    const grantRoot = commonDir(paths);
    const decision = await env.gate.ask({
      type: 'apply_patch_approval_request', call_id: env.callId, changes: preview.changes,
      ...(autoApproved ? { reason: MESSAGES.retryWithoutSandbox } : {}),
      ...(grantRoot ? { grant_root: grantRoot } : {}),
    }, env.signal);
    if (!granted(decision)) return MESSAGES.patchRejectedByUser;
    if (decision === 'approved_for_session' && grantRoot) approvals.grantRoot(grantRoot);
    autoApproved = false;
  }
  const written = writtenPaths(preview.changes, cwd);
  await env.checkpoint(cwd, written);
  env.tracker.snapshot(written);
  env.emit({ type: 'patch_apply_begin', call_id: env.callId, auto_approved: autoApproved, changes: preview.changes as Record<string, FileChange> });
  const result = await applyPatch(patch, cwd, journalPathFor(env.sessionLog, env.callId));
  env.emit({ type: 'patch_apply_end', call_id: env.callId, stdout: result.stdout, stderr: result.stderr, success: result.success });
  const diff = env.tracker.unifiedDiff();
  if (diff) env.emit({ type: 'turn_diff', unified_diff: diff });
  return result.success ? result.stdout : result.stderr;
}

/** The deepest directory containing every path. */
function commonDir(paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  let dir = dirname(paths[0]!);
  while (!paths.every((p) => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}
