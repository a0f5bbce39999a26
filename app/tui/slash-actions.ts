// What each slash command does (reference §3.3). Commands not allowed while a
// task runs say so instead of running. The larger ones live in their own
// modules (model-picker, theme-picker, statusline-picker, conversation-commands).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxPolicy, ApprovalPolicy } from '../protocol/policy.js';
import { removeAuth } from '../model/auth.js';
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import { StatusCardCell } from '../../widgets/transcript/cells/status-card.js';
import { parseUnifiedDiff } from '../../widgets/diff/parse.js';
import { renderDiff } from '../../widgets/diff/render.js';
import { LinesSource } from '../../widgets/layout/viewport.js';
import type { TuiApp } from './app.js';
import { ChoiceOverlay } from './choice.js';
import { workingTreeDiff } from '../review/diff.js';
import { INIT_PROMPT } from './init-prompt.js';
import { PagerOverlay } from './pager.js';
import { runSessionCommand, type SessionHost } from './session-commands.js';
import type { SlashCommand } from './slash-commands.js';
import { runModelCommand, type ModelLister } from './model-picker.js';
import { openThemePicker } from './theme-picker.js';
import { openStatusLinePicker } from './statusline-picker.js';
import { copyLastAnswer, exportConversation } from './conversation-commands.js';
import { runReviewCommand } from './review-commands.js';
import { statusCard } from './status-card.js';

export interface SlashHost extends SessionHost {
  /** /model: the provider's models. */
  listModels: ModelLister;
}

function approvalPresets(app: TuiApp): { label: string; description: string; approval: ApprovalPolicy; sandbox: SandboxPolicy }[] {
  const current = app.config.sandboxPolicy;
  const workspace: SandboxPolicy = current.mode === 'workspace-write'
    ? current
    : { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };
  return [
    { label: 'Read Only', description: 'Codex can read files and answer questions; edits and commands need approval', approval: 'on-request', sandbox: { mode: 'read-only' } },
    { label: 'Auto', description: 'Codex can edit files and run commands in the workspace; asks to go further', approval: 'on-request', sandbox: workspace },
    { label: 'Full Access', description: 'Codex can edit and run anything, with network access, without asking', approval: 'never', sandbox: { mode: 'danger-full-access' } },
  ];
}

async function showDiff(app: TuiApp): Promise<void> {
  const diff = await workingTreeDiff(app.config.cwd);
  if (diff === undefined) {
    app.addCell(infoCell('/diff — not inside a git repository'));
  } else if (!diff.trim()) {
    app.addCell(infoCell('/diff — no changes'));
  } else {
    const files = parseUnifiedDiff(diff);
    app.pushOverlay(new PagerOverlay('/diff', new LinesSource((w) => renderDiff(files, w, { cwd: app.config.cwd })), true));
  }
  app.host.requestFrame();
}

/** /logout: removes auth.json and leaves, as the original does; with nothing to remove it stays. */
async function logout(app: TuiApp): Promise<void> {
  if (await removeAuth(app.config.codexHome)) app.quit('Successfully logged out');
  else app.addCell(infoCell(`Not logged in: there is no ${join(app.config.codexHome, 'auth.json')} to remove`));
  app.host.requestFrame();
}

/** Runs a submitted slash command (`args`: the text after its name). */
export function runSlashCommand(app: TuiApp, host: SlashHost, cmd: SlashCommand, args: string): void {
  if (app.running && !cmd.whileRunning) {
    app.addCell(errorCell(`'/${cmd.name}' is disabled while a task is in progress.`));
    return;
  }
  switch (cmd.name) {
    case 'model': runModelCommand(app, args, host.listModels); return;
    case 'approvals':
    case 'permissions': {
      const presets = approvalPresets(app);
      const { approval, sandbox } = app.statusBar.info;
      app.pushOverlay(new ChoiceOverlay('Select approval mode',
        presets.map((p) => ({ item: { label: p.label, description: p.description }, value: p })),
        (p) => {
          app.settings.overrideTurnContext({ approval_policy: p.approval, sandbox_policy: p.sandbox });
          app.addCell(infoCell(`Approval mode set to ${p.label} (approval: ${p.approval}, sandbox: ${p.sandbox.mode})`));
        },
        presets.findIndex((p) => p.approval === approval && p.sandbox.mode === sandbox)));
      return;
    }
    case 'new':
    case 'resume':
    case 'fork':
    case 'rename':
      runSessionCommand(app, host, cmd.name, args);
      return;
    case 'init':
      if (existsSync(join(app.config.cwd, 'AGENTS.md'))) {
        app.addCell(infoCell('AGENTS.md already exists here. Skipping /init to avoid overwriting it.'));
        return;
      }
      app.submit({ type: 'user_input', items: [{ type: 'text', text: INIT_PROMPT }] });
      return;
    case 'compact': app.submit({ type: 'compact' }); return;
    case 'review': runReviewCommand(app, args); return;
    case 'undo': app.submit({ type: 'undo' }); return;
    case 'diff':
      showDiff(app).catch((e: unknown) => app.addCell(errorCell(`/diff failed: ${(e as Error).message}`)));
      return;
    case 'mention':
      app.dispatch({ action: 'insert_text', text: '@' });
      return;
    case 'status': app.addCell(new StatusCardCell(statusCard(app))); return;
    case 'mcp': app.submit({ type: 'list_mcp_tools' }); return;
    case 'copy': copyLastAnswer(app); return;
    case 'export': exportConversation(app, args); return;
    case 'clear':
      app.transcript.clear();
      app.view.toBottom();
      app.addCell(infoCell('Transcript cleared; the conversation goes on (/export still writes all of it)'));
      return;
    case 'theme': openThemePicker(app); return;
    case 'statusline': openStatusLinePicker(app); return;
    case 'logout':
      logout(app).catch((e: unknown) => app.addCell(errorCell(`/logout failed: ${(e as Error).message}`)));
      return;
    case 'vim':
      app.composerMode.set(app.composerMode.vim ? 'composer' : 'vim_normal');
      app.addCell(infoCell(app.composerMode.vim ? 'Vim mode on: Esc for normal mode, i to insert' : 'Vim mode off'));
      return;
    case 'quit':
    case 'exit': app.quit(); return;
    default: {
      const _: never = cmd;
      return _;
    }
  }
}
