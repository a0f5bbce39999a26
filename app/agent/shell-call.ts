// The shell tool (reference §4.3, §5.3): decide with the command-safety rules
// (asking the user when they say so), run through the sandbox's launch plan,
// stream output as events, and after a sandbox denial either report it or,
// under untrusted/on-failure, offer to run it again without the sandbox.
import { resolve } from 'node:path';
import {
  assessCommandSafety, executionFailed, failedInSandbox, isKnownSafeCommand, MESSAGES, sandboxFailureAction,
} from '../approvals/index.js';
import type { SandboxPolicy } from '../protocol/policy.js';
import { createCommandEnv, looksLikeSandboxDenial, planLaunch, SandboxUnavailableError } from '../sandbox/index.js';
import type { LaunchPlan } from '../sandbox/types.js';
import { maybeParseApplyPatchFromArgv } from '../tools/apply-patch/index.js';
import type { ShellArgs } from '../tools/args.js';
import { runLaunchPlan, type ExecOutcome } from '../tools/exec.js';
import { formatShellOutput } from '../tools/shell-output.js';
import { handlePatch } from './patch-call.js';
import type { ReviewDecision } from '../protocol/ops.js';
import type { ToolEnv } from './tool-env.js';

const NO_SANDBOX: SandboxPolicy = { mode: 'danger-full-access' };

function granted(d: ReviewDecision): boolean {
  return d === 'approved' || d === 'approved_for_session';
}

/** Tells the front ends a command was declined without being asked about (by the policy, or a sandbox that cannot start). */
function declined(env: ToolEnv, command: string[], cwd: string, message: string): string {
  env.emit({ type: 'exec_command_begin', call_id: env.callId, command, cwd });
  env.emit({
    type: 'exec_command_end', call_id: env.callId, stdout: '', stderr: message, aggregated_output: message,
    exit_code: -1, duration_ms: 0, formatted_output: message, declined: true,
  });
  return message;
}

async function run(
  args: ShellArgs, cwd: string, policy: SandboxPolicy, env: ToolEnv,
): Promise<{ outcome: ExecOutcome; sandbox: LaunchPlan['sandbox'] } | { error: string }> {
  let plan: LaunchPlan;
  try {
    plan = await planLaunch({
      argv: args.command, cwd, sandboxCwd: env.ctx.cwd, policy,
      env: createCommandEnv(env.config.shellEnvironmentPolicy), pins: env.sandboxRoots,
      ...(env.config.bwrapPath !== undefined ? { bwrapPath: env.config.bwrapPath } : {}),
    });
  } catch (err) {
    // Never fall back to running unsandboxed: the model (and user) get the reason.
    if (err instanceof SandboxUnavailableError) return { error: err.message };
    throw err;
  }
  // A command that can write (a writable sandbox, or none) may change the work tree: checkpoint it
  // first. Commands known to only read (ls, cat, grep …) cannot, and cost no snapshot.
  if (policy.mode !== 'read-only' && !isKnownSafeCommand(args.command)) await env.checkpoint(cwd);
  // A root left unbound is said before the command, so its failed writes make sense.
  for (const reason of plan.dropped ?? []) env.emit({ type: 'warning', message: reason });
  env.emit({ type: 'exec_command_begin', call_id: env.callId, command: args.command, cwd });
  const outcome = await runLaunchPlan(plan, {
    ...('timeout_ms' in args ? { timeoutMs: args.timeout_ms } : {}),
    signal: env.signal,
    onOutput: (stream, chunk) => env.emit({ type: 'exec_command_output_delta', call_id: env.callId, stream, chunk: chunk.toString('base64') }),
  });
  const formatted = formatShellOutput(outcome);
  env.emit({
    type: 'exec_command_end', call_id: env.callId, stdout: outcome.stdout, stderr: outcome.stderr,
    aggregated_output: outcome.spawnError ?? outcome.aggregatedOutput, exit_code: outcome.exitCode,
    duration_ms: Math.round(outcome.durationMs), formatted_output: formatted,
  });
  return { outcome, sandbox: plan.sandbox };
}

export async function handleShell(args: ShellArgs, env: ToolEnv): Promise<string> {
  const { ctx, approvals } = env;
  const cwd = args.workdir ? resolve(ctx.cwd, args.workdir) : ctx.cwd;
  const patch = maybeParseApplyPatchFromArgv(args.command);
  if (patch) return handlePatch(patch.patch, patch.workdir ? resolve(cwd, patch.workdir) : cwd, env);

  const check = assessCommandSafety(args.command, ctx.approvalPolicy, ctx.sandboxPolicy, approvals, {
    withEscalatedPermissions: args.with_escalated_permissions === true,
  });
  let policy = ctx.sandboxPolicy;
  if (check.decision === 'reject') return declined(env, args.command, cwd, `exec command rejected: ${check.reason}`);
  if (check.decision === 'ask-user') {
    const decision = await env.gate.ask({
      type: 'exec_approval_request', call_id: env.callId, command: args.command, cwd,
      ...(args.justification ? { reason: args.justification } : {}),
    }, env.signal);
    // The request and its answer are the front ends' record of a denial: nothing ran, nothing more to report.
    if (!granted(decision)) return MESSAGES.commandRejectedByUser;
    if (decision === 'approved_for_session') approvals.approve(args.command);
    policy = NO_SANDBOX;
  } else if (check.sandbox === 'none') {
    policy = NO_SANDBOX;
  }

  const first = await run(args, cwd, policy, env);
  // The sandbox could not start: the command did not run, and the front ends say why.
  if ('error' in first) return declined(env, args.command, cwd, first.error);
  const { outcome, sandbox } = first;
  const denied = looksLikeSandboxDenial({
    sandbox, exitCode: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr, timedOut: outcome.timedOut,
  });
  if (!denied || outcome.aborted) return formatShellOutput(outcome);

  const error = outcome.stderr.trim() || outcome.aggregatedOutput.trim() || `exit code ${outcome.exitCode}`;
  if (sandboxFailureAction(ctx.approvalPolicy) === 'report') {
    return failedInSandbox(sandbox === 'macos-seatbelt' ? 'Seatbelt' : 'LinuxSeccomp', error);
  }
  env.emit({ type: 'background_event', message: executionFailed(error) });
  const retry = await env.gate.ask({
    type: 'exec_approval_request', call_id: env.callId, command: args.command, cwd, reason: MESSAGES.retryWithoutSandbox,
  }, env.signal);
  if (!granted(retry)) return MESSAGES.commandRejectedByUser;
  approvals.approve(args.command);
  env.emit({ type: 'background_event', message: MESSAGES.retryingWithoutSandbox });
  const second = await run(args, cwd, NO_SANDBOX, env);
  return 'error' in second ? declined(env, args.command, cwd, second.error) : formatShellOutput(second.outcome);
}
