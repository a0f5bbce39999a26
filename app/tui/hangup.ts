// Ends codex when its terminal is closed (SIGHUP, or EOF/EIO on the terminal).
// Left alone, a TUI whose terminal is gone keeps its turn running with no one
// to see it. Here the turn is interrupted and the session shut down, so its
// log ends with the aborted turn, then the process exits and the exit hooks
// end the child process groups. A session that has not shut down within the
// grace period is not waited for: every line of its log is already whole on
// disk (each is one write).
import { logger } from '../log.js';
import type { AgentSession } from './app-host.js';

const log = logger('codex_tui');

/** How long the session gets to shut down: the process is gone within a second of the hangup. */
export const HANGUP_GRACE_MS = 500;
/** 128 + SIGHUP, as a shell reports a process ended by a hangup. */
export const EXIT_HANGUP = 129;

/** A handler, safe to call more than once, for every sign that the terminal is gone. */
export function hangupHandler(
  current: () => AgentSession, leaveScreen: () => void, exit: () => void = () => process.exit(EXIT_HANGUP),
): (why: string) => void {
  let started = false;
  return (why) => {
    if (started) return;
    started = true;
    log.warn(`the terminal was closed (${why}): ending the turn and the session, then exiting`);
    leaveScreen();
    setTimeout(exit, HANGUP_GRACE_MS);
    const session = current();
    session.subscribe((e) => {
      if (e.msg.type === 'shutdown_complete') exit();
    });
    session.submit({ type: 'shutdown' });
  };
}
