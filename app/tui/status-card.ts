// What /status shows, as 0.169's card: the model (with the reasoning effort
// and summaries as configured, whatever the model), the
// provider, the directory, the permissions in the original's words, the
// instruction files, the session's name and id; then token usage, the context
// window once the model reported it, and rate limits (which this client does
// not read: "data not available yet", as the original says before it has any).
// Fields the original has and we lack (its background server, collaboration
// modes, a ChatGPT account) are left out rather than invented.
import { homedir } from 'node:os';
import { relative } from 'node:path';
import { instructionFiles } from '../agent/agents-md.js';
import { sessionNames } from '../agent/session-index.js';
import { blendedTotal, compactTokens, contextLeftPercent, nonCachedInput, ZERO_USAGE } from '../agent/token-usage.js';
import type { ApprovalPolicy, SandboxPolicy } from '../protocol/policy.js';
import { tildePath } from '../../widgets/transcript/cells/header.js';
import type { StatusCard, StatusField } from '../../widgets/transcript/cells/status-card.js';
import type { TuiApp } from './app.js';

/** How the original names an approval policy inside the permissions label. */
function approvalWords(a: ApprovalPolicy): string {
  return a === 'on-request' ? 'Ask for approval' : a;
}

/** The permissions row: `Read Only (never)`, `Workspace (Ask for approval)`, `Full Access`, else `Custom (sandbox, approval)`. */
export function permissionsLabel(approval: ApprovalPolicy, sandbox: SandboxPolicy, cwd: string): string {
  const a = approvalWords(approval);
  switch (sandbox.mode) {
    case 'read-only': return `Read Only (${a})`;
    case 'workspace-write': {
      const extra = sandbox.writableRoots.filter((r) => r !== cwd);
      const roots = extra.length ? ` [${extra.join(', ')}]` : '';
      const kind = sandbox.networkAccess ? 'workspace with network access' : 'workspace';
      if (approval === 'on-request') return `${kind === 'workspace' ? 'Workspace' : 'Workspace with network access'}${roots} (${a})`;
      return `Custom (${kind}${roots}, ${a})`;
    }
    case 'danger-full-access': return approval === 'never' ? 'Full Access' : `Custom (danger-full-access, ${a})`;
    default: {
      const _: never = sandbox;
      return _;
    }
  }
}

/** The instruction files the session reads: relative to the working root, else with `~`; `<none>`. */
function agentsFiles(app: TuiApp): string {
  const c = app.config;
  const files = instructionFiles({ codexHome: c.codexHome, cwd: c.cwd, maxBytes: c.projectDocMaxBytes, fallbackFilenames: c.projectDocFallbackFilenames });
  const shown = files.map((f) => {
    const rel = relative(c.cwd, f);
    return rel.startsWith('..') ? tildePath(f, homedir()) : rel;
  });
  return shown.length ? shown.join(', ') : '<none>';
}

export function statusCard(app: TuiApp): StatusCard {
  const c = app.config;
  const o = app.settings.overrides;
  const model = o.model ?? c.model;
  // As 0.169: the settings as chosen, not what the request carries ("none"
  // for no effort set even where gpt-5 then defaults to medium; "auto" summaries).
  const summary = c.reasoningSummary ?? 'auto';
  const details = [`reasoning ${o.effort ?? c.reasoningEffort ?? 'none'}`, `summaries ${summary === 'none' ? 'off' : summary}`];
  const name = sessionNames(c.codexHome).get(app.session.id);
  const info = app.tokenInfo;
  const total = info?.total_token_usage ?? ZERO_USAGE;
  const window = info?.model_context_window;
  const session: StatusField[] = [
    { label: 'Model', value: model, detail: ` (${details.join(', ')})` },
    // As the original: the built-in OpenAI provider goes without saying.
    ...(c.modelProviderId === 'openai' ? [] : [{ label: 'Model provider', value: c.modelProviderId }]),
    { label: 'Directory', value: tildePath(c.cwd, homedir()) },
    { label: 'Permissions', value: permissionsLabel(o.approval_policy ?? c.approvalPolicy, o.sandbox_policy ?? c.sandboxPolicy, c.cwd) },
    { label: 'Agents.md', value: agentsFiles(app) },
    ...(name ? [{ label: 'Thread name', value: name }] : []),
    { label: 'Session', value: app.session.id },
  ];
  const usage: StatusField[] = [
    { label: 'Token usage', value: `${compactTokens(blendedTotal(total))} total`, detail: `  (${compactTokens(nonCachedInput(total))} input + ${compactTokens(total.output_tokens)} output)` },
    ...(info && window ? [{
      label: 'Context window',
      value: `${contextLeftPercent(info.last_token_usage.total_tokens, window)}% left`,
      detail: ` (${compactTokens(info.last_token_usage.total_tokens)} used / ${compactTokens(window)})`,
    }] : []),
    { label: 'Limits', value: '', detail: 'data not available yet' },
  ];
  return { version: app.version, groups: [session, usage] };
}
