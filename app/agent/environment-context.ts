// The <environment_context> user message (reference §4.2, classic layout):
// where the agent is, what it may do, and which shell the user has.
import { basename } from 'node:path';
import type { ApprovalPolicy, SandboxPolicy } from '../protocol/policy.js';

export interface EnvironmentContext {
  cwd: string;
  approvalPolicy: ApprovalPolicy;
  sandboxPolicy: SandboxPolicy;
  /** Login shell path, e.g. $SHELL. */
  shell?: string;
}

function writableRoots(ctx: EnvironmentContext): string[] {
  const p = ctx.sandboxPolicy;
  if (p.mode !== 'workspace-write') return [];
  const roots = [...p.writableRoots, ctx.cwd];
  if (!p.excludeSlashTmp) roots.push('/tmp');
  const tmpdir = process.env.TMPDIR;
  if (!p.excludeTmpdirEnvVar && tmpdir) roots.push(tmpdir);
  return [...new Set(roots)];
}

export function environmentContextMessage(ctx: EnvironmentContext): string {
  const p = ctx.sandboxPolicy;
  const network = p.mode === 'danger-full-access' || (p.mode === 'workspace-write' && p.networkAccess);
  const lines = [
    '<environment_context>',
    `  <cwd>${ctx.cwd}</cwd>`,
    `  <approval_policy>${ctx.approvalPolicy}</approval_policy>`,
    `  <sandbox_mode>${p.mode}</sandbox_mode>`,
    `  <network_access>${network ? 'enabled' : 'restricted'}</network_access>`,
  ];
  const roots = writableRoots(ctx);
  if (roots.length) lines.push('  <writable_roots>', ...roots.map((r) => `    <root>${r}</root>`), '  </writable_roots>');
  if (ctx.shell) lines.push(`  <shell>${basename(ctx.shell)}</shell>`);
  lines.push('</environment_context>');
  return lines.join('\n');
}
