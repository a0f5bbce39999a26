// The terminal shell: raw mode, the alternate screen, bracketed paste, mouse
// reports (SGR: the wheel, and left-button drags for selecting text in the app)
// and focus reporting on, the window title saved and set (XTWINOPS
// push/pop, so the shell's title comes back); input bytes decoded into events; resize
// notifications. `restore()` undoes all of it and is safe to call repeatedly,
// from any exit path (quit, error, signal, uncaught exception). A terminal
// that goes away (its window or pane closed: EOF or EIO on stdin, EIO on
// stdout) is reported once through `onLost`, and nothing is written after it.
import { writeSync } from 'node:fs';
import { logger } from '../../log.js';
import { closeTerminalAtExit } from '../../terminal-hangup.js';
import { nowMs } from '../clock.js';
import { InputDecoder } from '../input/decoder.js';
import type { InputEvent } from '../../../keymaps/input-event.js';

// Ends by asking whether the terminal knows bracketed paste (DECRQM 2004): if
// it answers, pastes come bracketed and paste-burst guessing is off.
const ENTER = '\x1b[?1049h\x1b[?1000h\x1b[?1002h\x1b[?1006h\x1b[?2004h\x1b[?1004h\x1b[?25l\x1b[H\x1b[2J\x1b[?2004$p';
const LEAVE = '\x1b[23;0t\x1b[?2026l\x1b[0m\x1b[?1004l\x1b[?2004l\x1b[?1006l\x1b[?1002l\x1b[?1000l\x1b[?25h\x1b[?1049l';
/** How long a lone ESC waits for the rest of an escape sequence. */
export const ESC_TIMEOUT_MS = 30;

export interface TtyHandlers {
  /** `at`: when the bytes were read (nowMs()), for timing rules such as paste-burst detection. */
  onInput(events: InputEvent[], at: number): void;
  onResize(cols: number, rows: number): void;
  /** The terminal is gone; called once, after which the Tty writes nothing. */
  onLost(why: string): void;
}

export class Tty {
  private active = false;
  private readonly decoder = new InputDecoder();
  private escTimer: NodeJS.Timeout | undefined;
  private readonly onData = (chunk: Buffer | string): void => this.feed(chunk.toString());
  // Every SIGWINCH, not the stream's 'resize', which comes only when the size
  // differs from the last one read: a window shrunk and restored before codex
  // got to read it (busy, or waiting on a write) is the same size again, but
  // the terminal has cut what it showed, so the screen must be drawn anew.
  // Node's own SIGWINCH listener, added with process.stdout, reads the size first.
  private readonly onWinch = (): void => this.handlers?.onResize(this.cols, this.rows);
  private readonly onEnd = (): void => this.lose('end of input');
  private readonly onError = (err: NodeJS.ErrnoException): void => this.lose(err.code ?? err.message);
  private handlers: TtyHandlers | undefined;
  private lost = false;

  constructor(
    private readonly input: NodeJS.ReadStream = process.stdin,
    private readonly output: NodeJS.WriteStream = process.stdout,
  ) {}

  get cols(): number { return this.output.columns || 80; }
  get rows(): number { return this.output.rows || 24; }

  /** `title`: the window title while codex runs (the previous one is pushed and comes back at `restore`). */
  start(handlers: TtyHandlers, title?: string): void {
    this.handlers = handlers;
    this.active = true;
    // Listening first: setRawMode reports a terminal that hung up while codex started as an 'error'.
    this.input.on('error', this.onError);
    this.output.on('error', this.onError);
    if (this.input.isTTY) this.input.setRawMode(true);
    this.input.setEncoding('utf8');
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
    this.input.resume();
    process.on('SIGWINCH', this.onWinch);
    this.write(`\x1b[22;0t${title ? `\x1b]0;${title.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ')}\x07` : ''}${ENTER}`);
  }

  /**
   * Straight to the descriptor when there is one: Node keeps a terminal's
   * stdout blocking, so this writes it all at once as the stream would, without
   * the stream's machinery (~0.5 ms of the first frame's CPU, and some of every
   * frame's). Bytes a descriptor left non-blocking could not take now go to the
   * stream, which queues them, and so does all that follows until it has
   * written them, keeping the order.
   */
  write(data: string): void {
    if (!this.active || this.lost || !data) return;
    const fd = (this.output as { fd?: number }).fd;
    if (fd === undefined || this.output.writableLength > 0) {
      this.output.write(data);
      return;
    }
    try {
      const done = writeSync(fd, data);
      if (done < Buffer.byteLength(data)) this.writeRest(fd, Buffer.from(data).subarray(done));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') this.output.write(data);
      else this.lose((err as NodeJS.ErrnoException).code ?? String(err));
    }
  }

  private writeRest(fd: number, rest: Buffer): void {
    try {
      for (let n = 1; rest.length && n > 0; rest = rest.subarray(n)) n = writeSync(fd, rest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
    if (rest.length) this.output.write(rest);
  }

  /** The terminal is gone: stop writing (each write would fail again) and say so once. */
  lose(why: string): void {
    if (this.lost) return;
    this.lost = true;
    closeTerminalAtExit();
    this.handlers?.onLost(why);
  }

  private feed(data: string): void {
    const at = nowMs();
    if (this.escTimer) clearTimeout(this.escTimer);
    this.escTimer = undefined;
    const events = this.decoder.feed(data);
    if (events.length) this.handlers?.onInput(events, at);
    if (this.decoder.pending) {
      this.escTimer = setTimeout(() => {
        this.escTimer = undefined;
        const rest = this.decoder.flush();
        // Stamped with when the bytes came, not when the timer got to run.
        if (rest.length) this.handlers?.onInput(rest, at);
      }, ESC_TIMEOUT_MS);
    }
  }

  /** Leaves the alternate screen and restores the terminal modes; idempotent and synchronous. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    if (this.escTimer) clearTimeout(this.escTimer);
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    process.off('SIGWINCH', this.onWinch);
    // The error listeners stay: a write still queued may fail after this.
    this.input.pause();
    if (this.lost) return; // nothing to restore on a terminal that is gone
    try {
      // Synchronous so it lands even when the process exits right after.
      writeSync((this.output as unknown as { fd?: number }).fd ?? 1, LEAVE);
      if (this.input.isTTY) this.input.setRawMode(false);
    } catch (err) {
      this.lose((err as NodeJS.ErrnoException).code ?? String(err));
    }
  }
}

/**
 * Restores the terminal on every way out: normal exit, SIGINT/SIGTERM,
 * uncaught exceptions and unhandled rejections (which are also written to the
 * log, $CODEX_HOME/log/codex-tui.log, and printed once the screen is back).
 * On SIGINT/SIGTERM `farewell` then writes what a quit leaves on the normal
 * screen (a crash only restores). SIGHUP (the terminal was closed) goes to
 * `onHangup`, which ends the session before exiting. Returns a function that
 * removes the guards.
 */
export function guardExit(restore: () => void, onHangup: () => void, farewell: () => void = () => undefined): () => void {
  const onExit = (): void => restore();
  const onSignal = (sig: NodeJS.Signals): void => {
    restore();
    try {
      farewell();
    } catch (err) {
      logger('codex_tui').error('writing the conversation at exit failed:', err instanceof Error ? err : String(err));
    }
    process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
  };
  const onCrash = (err: unknown): void => {
    restore();
    try {
      logger('codex_tui').error('crashed:', err instanceof Error ? err : String(err));
    } catch {
      // a log that cannot be written (full disk) must not hide the error below
    }
    process.stderr.write(`codex: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  };
  // Typed as the emitter sees them; each handler reads only what its event passes.
  const handlers: [string, (...args: any[]) => void][] = [
    ['exit', onExit], ['SIGINT', onSignal], ['SIGTERM', onSignal], ['SIGHUP', onHangup],
    ['uncaughtException', onCrash], ['unhandledRejection', onCrash],
  ];
  const emitter: NodeJS.EventEmitter = process;
  for (const [event, h] of handlers) emitter.on(event, h);
  return () => {
    for (const [event, h] of handlers) emitter.off(event, h);
  };
}
