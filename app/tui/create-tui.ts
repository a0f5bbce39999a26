// The TUI's composition root, for main.ts and the tests alike: builds the app
// and wires what is layered around it (the agent event → cell mapping, slash
// commands and their popup, the `@` file picker, approvals, backtrack, the
// transcript pager). The app comes back at once so the first frame can paint;
// those parts load after it, and until they are wired the app holds keys and
// agent events, then applies them in arrival order: `/quit` typed at the first
// frame quits, `@READ` opens the picker, as they would a second later.
import { join } from 'node:path';
import type { Searcher } from '../files/search-manager.js';
import type { Config } from '../config/types.js';
import type { AgentSession, AppEvent, AppHost } from './app-host.js';
import { TuiApp } from './app.js';

export interface TuiDeps {
  session: AgentSession;
  config: Config;
  host: AppHost;
  version: string;
  /** /new, /resume: starts a fresh session with the app's current configuration, or resumes the saved one at `resume.rolloutPath`. */
  startSession(resume?: { rolloutPath: string }): Promise<AgentSession>;
  /** The index the `@` picker searches, made once the TUI is wired (default: the file index of the working root, built in the background). */
  openIndex?(): Searcher;
  /** /model: the provider's models (default: GET {base_url}/models of the configured provider). */
  listModels?(): Promise<string[]>;
}

export interface Tui {
  readonly app: TuiApp;
  /** Resolves once everything is wired and what arrived meanwhile has been applied. */
  readonly wired: Promise<void>;
  /** Stops what the wiring started (the file index's watcher). */
  close(): Promise<void>;
}

export function createTui(deps: TuiDeps): Tui {
  let handle: ((e: AppEvent) => void) | undefined;
  const early: AppEvent[] = [];
  const app = new TuiApp(deps.session, deps.config, deps.host, deps.version, (e) => (handle ? handle(e) : early.push(e)));
  let index: { close(): Promise<void> } | undefined;
  const wired = (async (): Promise<void> => {
    const [
      { applyAgentEvent }, { runSlashCommand }, { slashTrigger }, { approvals }, { openBacktrack }, { PagerOverlay }, { installFilePicker }, { FileIndex },
      { PromptLibrary }, { runCustomPrompt }, { listModels },
    ] = await Promise.all([
      import('./agent-events.js'), import('./slash-actions.js'), import('./slash-popup.js'), import('./approval-overlay.js'),
      import('./backtrack.js'), import('./pager.js'), import('./file-picker.js'), import('../files/index.js'),
      import('./prompts/library.js'), import('./prompts/run.js'), import('../model/list-models.js'),
    ]);
    const pending = approvals(app);
    const prompts = new PromptLibrary(join(app.config.codexHome, 'prompts'));
    // The list is asked for when /model first opens, and kept once the provider answered.
    let models: Promise<string[]> | undefined;
    const slashHost = {
      startSession: deps.startSession,
      listModels: (): Promise<string[]> => {
        models ??= (deps.listModels?.() ?? listModels(app.config.provider, app.config.codexHome, process.env)).catch((e: unknown) => {
          models = undefined;
          throw e;
        });
        return models;
      },
    };
    app.addComposerTrigger(slashTrigger(app, prompts));
    const searcher = deps.openIndex?.() ?? (index = new FileIndex(app.config.cwd, { skip: [app.config.codexHome], snapshotDir: join(app.config.codexHome, 'file-index') }));
    installFilePicker(app, searcher);
    searcher.start?.(); // after the first frame: the build runs in slices between keys and frames
    handle = (e) => {
      switch (e.type) {
        case 'slash_command': runSlashCommand(app, slashHost, e.command, e.args); return;
        case 'custom_prompt': runCustomPrompt(app, prompts, e); return;
        case 'approval_request': pending.request(e.request); return;
        case 'task_end': pending.clear(); return;
        case 'open_transcript': app.pushOverlay(new PagerOverlay('Transcript', app.transcript.full)); return;
        case 'backtrack': openBacktrack(app); return;
        default: {
          const _: never = e;
          return _;
        }
      }
    };
    for (const e of early.splice(0)) handle(e);
    app.start(applyAgentEvent);
  })();
  return { app, wired, close: async () => index?.close() };
}
