// Ending a front end whose terminal went away (its window or pane closed:
// SIGHUP, EIO on output, EOF on input), shared by the TUI and `codex exec`.
// Left alone, a turn keeps running with no one to see it, and node, which
// resets the terminal modes of stdio at exit, aborts (SIGSEGV) on the EIO of a
// hung-up terminal. Here the turn is interrupted and the session shut down, so
// its log ends with the aborted turn; then the process exits (129) with the
// terminal descriptors closed, and the exit hooks end the child processes. A
// session that has not shut down within the grace period is not waited for:
// every line of its log is already whole on disk (each is one write).
import { closeSync, fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { Event } from './protocol/events.js';
import type { Op } from './protocol/ops.js';

/** How long the session gets to shut down: the process is gone within a second of the hangup. */
export const HANGUP_GRACE_MS = 500;
/** 128 + SIGHUP, as a shell reports a process ended by a hangup. */
export const EXIT_HANGUP = 129;

/** What ending the session takes: the front end's current session. */
export interface HangupSession {
  submit(op: Op): string;
  subscribe(listener: (e: Event) => void): () => void;
}

let closingAtExit = false;

/**
 * Closes stdio's hung-up terminals: a character device that no longer answers
 * as a terminal (isatty asks for its modes, which a hung-up one refuses with
 * EIO). Decided at exit, not when this module loads, because the terminal may
 * have hung up before that; a live terminal stays open, so node restores its
 * modes, and closing /dev/null (the other such device) changes nothing.
 */
function closeHungUpTerminals(): void {
  for (const fd of [0, 1, 2]) {
    try {
      if (fstatSync(fd).isCharacterDevice() && !isatty(fd)) closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/**
 * The terminal is gone, or may have gone unnoticed: at the last moment of
 * the exit, closes stdio's terminal descriptors that have hung up, so node's
 * reset of their modes (which aborts on EIO) skips them. Safe to call more
 * than once.
 */
export function closeTerminalAtExit(): void {
  if (closingAtExit) return;
  closingAtExit = true;
  process.once('exit', closeHungUpTerminals);
}

/**
 * A handler, safe to call more than once, for every sign that the terminal is
 * gone: `note` says why (a log line), `detach` stops all output, then the
 * session shuts down and the process exits.
 */
export function hangupHandler(
  current: () => HangupSession, detach: () => void, note: (message: string) => void,
  exit: () => void = () => process.exit(EXIT_HANGUP),
): (why: string) => void {
  let started = false;
  return (why) => {
    if (started) return;
    started = true;
    closeTerminalAtExit();
    note(`the terminal was closed (${why}): ending the turn and the session, then exiting`);
    detach();
    setTimeout(exit, HANGUP_GRACE_MS);
    const session = current();
    session.subscribe((e) => {
      if (e.msg.type === 'shutdown_complete') exit();
    });
    session.submit({ type: 'shutdown' });
  };
}
