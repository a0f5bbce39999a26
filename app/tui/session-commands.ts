// The slash commands that change which session the app drives: /new (a fresh
// one), /resume (the picker, then the chosen saved one), /fork (a new session
// holding a copy of this conversation; both stay resumable) and /rename (the
// title the picker shows).
import { existsSync } from 'node:fs';
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import type { AgentSession } from './app-host.js';
import type { TuiApp } from './app.js';
import { pickSession } from './session-picker.js';

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

export function runSessionCommand(app: TuiApp, host: SessionHost, cmd: SessionCommand, args: string): void {
  const failed = (e: unknown) => app.addCell(errorCell(`/${cmd} failed: ${(e as Error).message}`));
  switch (cmd) {
    case 'new': switchTo(app, host.startSession()).catch(failed); return;
    case 'resume': resume(app, host).catch(failed); return;
    case 'fork': fork(app); return;
    case 'rename': {
      const name = args.trim().replace(/\s+/g, ' ');
      if (!name) app.addCell(errorCell('Usage: /rename NAME (the title `codex resume` shows for this session)'));
      else app.submit({ type: 'set_session_name', name });
      return;
    }
    default: {
      const _: never = cmd;
      return _;
    }
  }
}
