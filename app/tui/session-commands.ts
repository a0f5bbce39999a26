// The slash commands that change which session the app drives: /new (a fresh
// one), /resume (the picker, then the chosen saved one), /fork (a new session
// holding a copy of this conversation; both stay resumable) and /rename (the
// title the picker shows; without a name, a prompt to type it, holding the
// current name).
import { existsSync } from 'node:fs';
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import { sessionNames } from '../agent/session-index.js';
import type { AgentSession } from './app-host.js';
import type { TuiApp } from './app.js';
import { pickSession } from './session-picker.js';
import { TextPromptOverlay } from './text-prompt.js';

export interface SessionHost {
  /** A fresh session with the app's current configuration, or the saved one at `resume.rolloutPath`. */
  startSession(resume?: { rolloutPath: string }): Promise<AgentSession>;
}

export type SessionCommand = 'new' | 'resume' | 'fork' | 'rename';

/** The old session shuts down (detached first: its shutdown_complete must not quit the app); the app moves on. */
async function switchTo(app: TuiApp, next: Promise<AgentSession>): Promise<void> {
  const old = app.session;
  app.detach();
  old.submit({ type: 'shutdown' });
  app.replaceSession(await next);
}

async function resume(app: TuiApp, host: SessionHost): Promise<void> {
  const choice = await pickSession(app, app.config.codexHome, true);
  if (choice.type !== 'resume') return;
  if (choice.path === app.session.rolloutPath) {
    app.addCell(infoCell('/resume — that is the session you are in'));
    return;
  }
  await switchTo(app, host.startSession({ rolloutPath: choice.path }));
}

function fork(app: TuiApp): void {
  // The log is written from the first message on: before it there is nothing to keep twice.
  if (!existsSync(app.session.rolloutPath)) {
    app.addCell(infoCell('/fork — nothing to fork yet: send a message first'));
    return;
  }
  app.events.forkPending = { kind: 'fork', from: app.session.id };
  app.submit({ type: 'fork', drop_user_turns: 0 });
}

function rename(app: TuiApp, args: string): void {
  const save = (text: string) => app.submit({ type: 'set_session_name', name: text.trim().replace(/\s+/g, ' ') });
  if (args.trim()) {
    save(args);
    return;
  }
  const current = sessionNames(app.config.codexHome).get(app.session.id);
  app.pushOverlay(new TextPromptOverlay({
    title: current ? 'Rename thread' : 'Name thread',
    placeholder: 'Type a name and press Enter',
    initial: current,
    submit: save,
  }, () => app.host.now()));
}

export function runSessionCommand(app: TuiApp, host: SessionHost, cmd: SessionCommand, args: string): void {
  const failed = (e: unknown) => app.addCell(errorCell(`/${cmd} failed: ${(e as Error).message}`));
  switch (cmd) {
    case 'new': switchTo(app, host.startSession()).catch(failed); return;
    case 'resume': resume(app, host).catch(failed); return;
    case 'fork': fork(app); return;
    case 'rename': rename(app, args); return;
    default: {
      const _: never = cmd;
      return _;
    }
  }
}
