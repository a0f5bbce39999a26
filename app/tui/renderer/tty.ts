// The terminal shell: raw mode, the alternate screen, bracketed paste, mouse
// wheel (SGR) and focus reporting on; input bytes decoded into events; resize
// notifications. `restore()` undoes all of it and is safe to call repeatedly,
// from any exit path (quit, error, signal, uncaught exception).
import { writeSync } from 'node:fs';
import { logger } from '../../log.js';
import { InputDecoder } from '../input/decoder.js';
import type { InputEvent } from '../../../keymaps/input-event.js';

const ENTER = '\x1b[?1049h\x1b[?1000h\x1b[?1006h\x1b[?2004h\x1b[?1004h\x1b[?25l\x1b[H\x1b[2J';
const LEAVE = '\x1b[?2026l\x1b[0m\x1b[?1004l\x1b[?2004l\x1b[?1006l\x1b[?1000l\x1b[?25h\x1b[?1049l';
/** How long a lone ESC waits for the rest of an escape sequence. */
export const ESC_TIMEOUT_MS = 30;

export interface TtyHandlers {
  onInput(events: InputEvent[]): void;
  onResize(cols: number, rows: number): void;
}

export class Tty {
  private active = false;
  private readonly decoder = new InputDecoder();
  private escTimer: NodeJS.Timeout | undefined;
  private readonly onData = (chunk: Buffer | string): void => this.feed(chunk.toString());
  private readonly onResizeEvent = (): void => this.handlers?.onResize(this.cols, this.rows);
  private handlers: TtyHandlers | undefined;

  constructor(
    private readonly input: NodeJS.ReadStream = process.stdin,
    private readonly output: NodeJS.WriteStream = process.stdout,
  ) {}

  get cols(): number { return this.output.columns || 80; }
  get rows(): number { return this.output.rows || 24; }

  start(handlers: TtyHandlers): void {
    this.handlers = handlers;
    this.active = true;
    if (this.input.isTTY) this.input.setRawMode(true);
    this.input.setEncoding('utf8');
    this.input.on('data', this.onData);
    this.input.resume();
    this.output.on('resize', this.onResizeEvent);
    this.write(ENTER);
  }

  write(data: string): void {
    if (this.active && data) this.output.write(data);
  }

  private feed(data: string): void {
    if (this.escTimer) clearTimeout(this.escTimer);
    this.escTimer = undefined;
    const events = this.decoder.feed(data);
    if (events.length) this.handlers?.onInput(events);
    if (this.decoder.pending) {
      this.escTimer = setTimeout(() => {
        this.escTimer = undefined;
        const rest = this.decoder.flush();
        if (rest.length) this.handlers?.onInput(rest);
      }, ESC_TIMEOUT_MS);
    }
  }

  /** Leaves the alternate screen and restores the terminal modes; idempotent and synchronous. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    if (this.escTimer) clearTimeout(this.escTimer);
    this.input.off('data', this.onData);
    this.output.off('resize', this.onResizeEvent);
    try {
      // Synchronous so it lands even when the process exits right after.
      writeSync((this.output as unknown as { fd?: number }).fd ?? 1, LEAVE);
    } catch {
      this.output.write(LEAVE);
    }
    if (this.input.isTTY) this.input.setRawMode(false);
    this.input.pause();
  }
}

/**
 * Restores the terminal on every way out: normal exit, SIGINT/SIGTERM/SIGHUP,
 * uncaught exceptions and unhandled rejections (which are also written to the
 * log, $CODEX_HOME/log/codex-tui.log, and printed once the screen is back).
 * Returns a function that removes the guards.
 */
export function guardExit(restore: () => void): () => void {
  const onExit = (): void => restore();
  const onSignal = (sig: NodeJS.Signals): void => {
    restore();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
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
    ['exit', onExit], ['SIGINT', onSignal], ['SIGTERM', onSignal], ['SIGHUP', onSignal],
    ['uncaughtException', onCrash], ['unhandledRejection', onCrash],
  ];
  const emitter: NodeJS.EventEmitter = process;
  for (const [event, h] of handlers) emitter.on(event, h);
  return () => {
    for (const [event, h] of handlers) emitter.off(event, h);
  };
}
