// `codex exec` human output (0.169 behaviour): activity goes to stderr, and
// only the final agent message goes to stdout (printed by main once the task ends).
import type { Event, FileChange } from '../protocol/events.js';
import { modelFamily, reasoningParams } from '../agent/model-family.js';
import { blendedTotal, withSeparators } from '../agent/token-usage.js';
import type { Config } from '../config/types.js';
import { formatDuration } from '../text/duration.js';
import { shellJoin } from '../text/shell-quote.js';
import { printable } from '../text/printable.js';

const MAX_OUTPUT_LINES = 20;
const MAX_LINE_CHARS = 500;

type Paint = (s: string) => string;
export interface Palette { bold: Paint; dim: Paint; italic: Paint; red: Paint; green: Paint; cyan: Paint; magenta: Paint }

const sgr = (open: string, close: string): Paint => (s) => `\x1b[${open}m${s}\x1b[${close}m`;
export function palette(color: boolean): Palette {
  const plain: Paint = (s) => s;
  if (!color) return { bold: plain, dim: plain, italic: plain, red: plain, green: plain, cyan: plain, magenta: plain };
  return {
    bold: sgr('1', '22'), dim: sgr('2', '22'), italic: sgr('3', '23'),
    red: sgr('31', '39'), green: sgr('32', '39'), cyan: sgr('36', '39'), magenta: sgr('35', '39'),
  };
}

export function sandboxSummary(config: Config): string {
  const p = config.sandboxPolicy;
  if (p.mode !== 'workspace-write') return p.mode;
  const roots = ['workdir'];
  if (!p.excludeSlashTmp) roots.push('/tmp');
  if (!p.excludeTmpdirEnvVar) roots.push('$TMPDIR');
  roots.push(...p.writableRoots);
  return `workspace-write [${roots.join(', ')}]${p.networkAccess ? ' (network access enabled)' : ''}`;
}

/** A command's output for the terminal: escape sequences and controls removed (they would act on it), lines and their length capped. */
function truncatedLines(text: string): string[] {
  const lines = printable(text).replace(/\n$/, '').split('\n')
    .map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}… (${l.length - MAX_LINE_CHARS} more chars)` : l));
  if (lines.length <= MAX_OUTPUT_LINES) return lines;
  return [...lines.slice(0, MAX_OUTPUT_LINES), `... (${lines.length - MAX_OUTPUT_LINES} more lines)`];
}

function changeLines(changes: Record<string, FileChange>, c: Palette): string[] {
  const out: string[] = [];
  for (const [path, ch] of Object.entries(changes)) {
    if ('add' in ch) out.push(c.green(`A ${path}`));
    else if ('delete' in ch) out.push(c.red(`D ${path}`));
    else out.push(ch.update.move_path ? `R ${path} -> ${ch.update.move_path}` : `M ${path}`);
  }
  return out;
}

function diffLines(diff: string, c: Palette): string[] {
  return diff.replace(/\n$/, '').split('\n').map((l) =>
    l.startsWith('+') && !l.startsWith('+++') ? c.green(l)
      : l.startsWith('-') && !l.startsWith('---') ? c.red(l)
        : l.startsWith('@@') ? c.cyan(l) : l);
}

export class HumanEventPrinter {
  private readonly c: Palette;
  private patchStart = new Map<string, { auto: boolean; started: number }>();
  private tokens = 0;

  constructor(
    private readonly write: (text: string) => void,
    color: boolean,
    private readonly opts: { hideReasoning: boolean; version: string },
  ) {
    this.c = palette(color);
  }

  private lines(...lines: string[]): void {
    this.write(`${lines.join('\n')}\n`);
  }

  header(config: Config, prompt: string, sessionId: string): void {
    const c = this.c;
    const entries: [string, string][] = [
      ['workdir', config.cwd],
      ['model', config.model],
      ['provider', config.modelProviderId],
      ['approval', config.approvalPolicy],
      ['sandbox', sandboxSummary(config)],
    ];
    // What the request will carry (reasoningParams decides for both).
    const reasoning = reasoningParams(modelFamily(config), config.reasoningEffort, config.reasoningSummary);
    if (reasoning) entries.push(['reasoning effort', reasoning.effort ?? 'medium'], ['reasoning summaries', reasoning.summary ?? 'none']);
    entries.push(['session id', sessionId]);
    this.lines(
      `OpenAI Codex v${this.opts.version}`,
      '--------',
      ...entries.map(([k, v]) => `${c.bold(k)}: ${v}`),
      '--------',
      c.bold(c.cyan('user')),
      prompt,
    );
  }

  handle(e: Event): void {
    const c = this.c;
    const m = e.msg;
    switch (m.type) {
      case 'agent_reasoning':
        if (!this.opts.hideReasoning) this.lines(c.italic(c.magenta('thinking')), c.italic(m.text));
        return;
      case 'agent_message':
        this.lines(c.italic(c.magenta('codex')), m.message);
        return;
      case 'exec_command_begin':
        this.lines(c.italic(c.magenta('exec')), `${c.bold(printable(shellJoin(m.command)))} in ${m.cwd}`);
        return;
      case 'exec_command_end': {
        const took = formatDuration(m.duration_ms);
        const status = m.declined ? c.red(' declined:')
          : m.exit_code === 0 ? c.green(` succeeded in ${took}:`) : c.red(` exited ${m.exit_code} in ${took}:`);
        const out = m.aggregated_output ? truncatedLines(m.aggregated_output).map(c.dim) : [];
        this.lines(status, ...out);
        return;
      }
      case 'patch_apply_begin':
        this.patchStart.set(m.call_id, { auto: m.auto_approved, started: Date.now() });
        this.lines(c.italic(c.magenta('apply_patch')) + ` auto_approved=${m.auto_approved}:`, ...changeLines(m.changes, c));
        return;
      case 'patch_apply_end': {
        const start = this.patchStart.get(m.call_id);
        this.patchStart.delete(m.call_id);
        const took = formatDuration(start ? Date.now() - start.started : 0);
        const head = `apply_patch(auto_approved=${start?.auto ?? false}) exited ${m.success ? 0 : 1} in ${took}:`;
        const body = (m.success ? m.stdout : m.stderr || m.stdout).replace(/\n$/, '');
        this.lines(m.success ? c.green(head) : c.red(head), ...(body ? [c.dim(body)] : []));
        return;
      }
      case 'turn_diff':
        // Joined, not spread into lines(...): a 150,000-line diff overflowed the call stack.
        if (m.unified_diff.trim()) this.lines(c.italic(c.magenta('turn diff:')), diffLines(m.unified_diff, c).join('\n'));
        return;
      case 'mcp_tool_call_begin':
        this.lines(c.italic(c.magenta('tool')), c.bold(`${m.invocation.server}.${m.invocation.tool}(${JSON.stringify(m.invocation.arguments ?? {})})`));
        return;
      case 'mcp_tool_call_end': {
        const name = `${m.invocation.server}.${m.invocation.tool}(…)`;
        const ok = 'Ok' in m.result && m.result.Ok.isError !== true;
        const head = `${name} ${ok ? 'success' : 'failed'} in ${formatDuration(m.duration_ms)}:`;
        const body = 'Ok' in m.result ? JSON.stringify(m.result.Ok, null, 2) : m.result.Err;
        this.lines(ok ? c.green(head) : c.red(head), ...truncatedLines(body).map(c.dim));
        return;
      }
      case 'web_search_end':
        this.lines(`🌐 Searched: ${m.query}`);
        return;
      case 'plan_update':
        this.lines(
          c.italic(c.magenta('plan')),
          ...(m.explanation ? [c.dim(m.explanation)] : []),
          ...m.plan.map((p) => (p.status === 'completed' ? c.green(`✓ ${p.step}`) : p.status === 'in_progress' ? c.cyan(`→ ${p.step}`) : `• ${p.step}`)),
        );
        return;
      case 'token_count': {
        const u = m.info.total_token_usage;
        this.tokens = blendedTotal(u);
        return;
      }
      case 'background_event':
      case 'stream_error':
        this.lines(c.dim(m.message));
        return;
      case 'error':
        this.lines(c.red(`ERROR: ${m.message}`));
        return;
      case 'warning':
        this.lines(c.magenta(`warning: ${m.message}`));
        return;
      case 'entered_review_mode':
        this.lines(c.bold(`>> Code review started: ${m.hint} <<`));
        return;
      // The findings go to stdout as the final answer; here only the end is marked.
      case 'exited_review_mode':
        this.lines(c.bold(m.findings === null ? '<< Code review ended without findings >>' : '<< Code review finished >>'));
        return;
      case 'turn_aborted':
        this.lines(c.dim('task interrupted'));
        return;
      case 'task_complete':
        if (this.tokens > 0) this.lines(c.italic(c.magenta('tokens used')), withSeparators(this.tokens));
        return;
      // Nothing to show for these in exec's human output.
      case 'session_configured':
      case 'task_started':
      case 'user_message':
      case 'agent_message_delta':
      case 'agent_reasoning_delta':
      case 'agent_reasoning_raw_content_delta':
      case 'agent_reasoning_raw_content':
      case 'agent_reasoning_section_break':
      case 'exec_approval_request':
      case 'apply_patch_approval_request':
      case 'exec_command_output_delta':
      case 'turn_checkpoint':
      case 'undo_completed':
      case 'undo_failed':
      case 'web_search_begin':
      case 'get_history_entry_response':
      case 'mcp_list_tools_response':
      case 'shutdown_complete':
        return;
      default: {
        const unhandled: never = m;
        return unhandled;
      }
    }
  }
}
