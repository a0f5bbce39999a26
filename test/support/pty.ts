// Drives the real CLI (dist/codex.js) in a pseudo-terminal (node-pty) and reads
// its screen back through @xterm/headless, for end-to-end TUI tests.
//
//   const t = spawnPty(ws, [], { cols: 100, rows: 30 });
//   await t.waitForText('Ask Codex');
//   t.type('hello'); t.key('enter');
//   await t.waitForText(/streamed answer/);
//   t.key('ctrl+c'); t.key('ctrl+c');
//   const code = await t.exited();   // every test ends with t.dispose()
import { readFileSync } from 'node:fs';
import * as pty from 'node-pty';
import { CODEX_JS, type Workspace } from './cli.js';
import { newTerminal, screenLines, type Terminal } from './screen.js';
import { waitFor } from './wait.js';

/** Bytes a terminal sends for named keys. */
export const KEYS: Record<string, string> = {
  enter: '\r', esc: '\x1b', tab: '\t', backspace: '\x7f', up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D',
  home: '\x1b[H', end: '\x1b[F', 'ctrl+end': '\x1b[1;5F', pageup: '\x1b[5~', pagedown: '\x1b[6~', delete: '\x1b[3~',
  'ctrl+c': '\x03', 'ctrl+j': '\n', 'ctrl+t': '\x14', 'ctrl+a': '\x01', 'ctrl+e': '\x05', 'ctrl+u': '\x15', 'ctrl+k': '\x0b',
  'ctrl+w': '\x17', 'ctrl+y': '\x19', 'shift+enter': '\x1b[13;2u', 'alt+enter': '\x1b\r',
};

export interface PtyOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** A program (and its arguments) that runs the CLI, e.g. ['setsid', '-w']; `pid` is still the CLI's. */
  via?: string[];
  /**
   * The terminal answers the app's queries, as a real one does (default true):
   * e.g. that it has bracketed paste. false plays a terminal that answers none.
   */
  replies?: boolean;
}

export interface PtyApp {
  readonly term: Terminal;
  /** The CLI's process id (under `via`, the wrapper's child). */
  pid(): number;
  /** Closes the terminal: the master side of the pty goes away, as when a terminal window closes. */
  closeTerminal(): void;
  /** Every byte the app wrote. */
  output(): string;
  screen(): string;
  write(data: string): void;
  type(text: string): void;
  key(name: keyof typeof KEYS | string): void;
  paste(text: string): void;
  /**
   * Writes `data` the moment the screen first shows `marker`, right after the
   * terminal drew it (no polling delay): keys typed at the first frame.
   */
  writeWhenShown(marker: string, data: string): void;
  resize(cols: number, rows: number): void;
  /** Stops reading the app's output (a terminal that stopped drawing): once the pty's buffer is full, the app's writes wait. */
  pauseReading(): void;
  resumeReading(): void;
  signal(sig: NodeJS.Signals): void;
  waitForText(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  waitForNoText(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /**
   * The normal screen buffer, its scrollback then its rows, trailing spaces
   * trimmed: what stays in the terminal once the app has left the alternate screen.
   */
  normalText(): string;
  /** Waits until the normal screen buffer (scrollback included) matches. */
  waitForNormalText(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until `ok(screen)` holds. */
  waitForScreen(ok: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  exited(timeoutMs?: number): Promise<number>;
  dispose(): void;
}

export function spawnPty(ws: Workspace, args: string[], opts: PtyOptions = {}): PtyApp {
  const cols = opts.cols ?? 100;
  const rows = opts.rows ?? 30;
  const env: Record<string, string> = { ...ws.env, TERM: 'xterm-256color' };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const [program, ...before] = [...(opts.via ?? []), process.execPath];
  const proc = pty.spawn(program!, [...before, CODEX_JS, ...args], { name: env.TERM ?? 'xterm-256color', cols, rows, cwd: opts.cwd ?? ws.repo, env });
  const term = newTerminal(cols, rows);
  let out = '';
  let pending = Promise.resolve();
  let exitCode: number | undefined;
  const exitWaiters: ((code: number) => void)[] = [];
  let whenShown: { marker: string; data: string } | undefined;
  if (opts.replies !== false) term.onData((reply) => exitCode === undefined && proc.write(reply));
  proc.onData((d) => {
    out += d;
    pending = pending.then(() => new Promise<void>((r) => term.write(d, r))).then(() => {
      if (whenShown && screen().includes(whenShown.marker)) {
        proc.write(whenShown.data);
        whenShown = undefined;
      }
    });
  });
  proc.onExit(({ exitCode: c }) => {
    exitCode = c;
    for (const w of exitWaiters) w(c);
  });
  const screen = (): string => screenLines(term).join('\n');
  const poll = async (ok: () => boolean, what: string, timeoutMs: number): Promise<string> => {
    await waitFor(async () => {
      await pending;
      return ok();
    }, () => `${what}; screen:\n${screen()}`, timeoutMs);
    return screen();
  };
  const normalText = (): string => {
    const buf = term.buffer.normal;
    const rows: string[] = [];
    for (let y = 0; y < buf.length; y++) rows.push(buf.getLine(y)?.translateToString(true) ?? '');
    return rows.join('\n');
  };
  const matches = (text: string, p: string | RegExp): boolean => (typeof p === 'string' ? text.includes(p) : p.test(text));
  const test = (p: string | RegExp): boolean => matches(screen(), p);
  return {
    term,
    pid: () => {
      if (!opts.via) return proc.pid;
      const child = Number(readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8').trim().split(' ')[0]);
      if (!child) throw new Error(`pty: ${opts.via.join(' ')} has not started the CLI yet`);
      return child;
    },
    // Not in node-pty's typings: closes the master and sends SIGHUP to the child.
    closeTerminal: () => (proc as pty.IPty & { destroy(): void }).destroy(),
    output: () => out,
    screen,
    write: (d) => proc.write(d),
    type: (text) => {
      // One write per character, spaced out, so the app sees typing (not a paste burst).
      for (const ch of text) proc.write(ch);
    },
    key: (name) => {
      const seq = KEYS[name];
      if (seq === undefined) throw new Error(`pty: unknown key ${name}`);
      proc.write(seq);
    },
    paste: (text) => proc.write(`\x1b[200~${text}\x1b[201~`),
    writeWhenShown: (marker, data) => {
      if (screen().includes(marker)) proc.write(data);
      else whenShown = { marker, data };
    },
    signal: (sig) => proc.kill(sig),
    pauseReading: () => proc.pause(),
    resumeReading: () => proc.resume(),
    resize: (c, r) => {
      proc.resize(c, r);
      term.resize(c, r);
    },
    waitForText: (p, t = 10_000) => poll(() => test(p), `"${String(p)}"`, t),
    waitForNoText: (p, t = 10_000) => poll(() => !test(p), `"${String(p)}" to disappear`, t),
    waitForScreen: (ok, what, t = 10_000) => poll(() => ok(screen()), what, t),
    normalText,
    waitForNormalText: async (p, t = 10_000) => {
      await poll(() => matches(normalText(), p), `"${String(p)}" on the normal screen`, t);
      return normalText();
    },
    exited: (t = 10_000) =>
      exitCode !== undefined
        ? Promise.resolve(exitCode)
        : new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`pty: app did not exit within ${t} ms; screen:\n${screen()}`)), t);
            exitWaiters.push((c) => {
              clearTimeout(timer);
              resolve(c);
            });
          }),
    dispose: () => {
      if (exitCode === undefined) proc.kill('SIGKILL');
      term.dispose();
    },
  };
}
