// Drives a CLI's `@` file popup in a pty, the same way for ours and the
// native one: wait for the composer, type `@`, then the query one key every
// `gapMs` (slower than both programs' 100 ms debounce, so every key is
// searched), and read the screen back through xterm-headless. Reports the
// wall time from the first query key to the first result row, and the CPU
// the process (all threads, and children it reaped) spent from just before
// `@` until the screen showed the final answer and stayed still.
import { readFileSync } from 'node:fs';
import * as pty from 'node-pty';
import { newTerminal, screenLines } from '../../test/support/screen.js';

const COLS = 120;
const ROWS = 40;
const TICK_MS = 10; // CLK_TCK = 100 on Linux

/** CPU of `pid` so far: user + system, its threads included, plus its reaped children. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
}

export interface PopupRun {
  /** The first query key → a result row on screen. */
  readonly firstResultsMs: number;
  /** From just before `@` until the final answer was on screen. */
  readonly cpuMs: number;
}

export interface PopupOptions {
  readonly query: string;
  readonly gapMs: number;
  /** Before typing, wait until the process has used no CPU for a while (its start-up work, our index build, done). */
  readonly afterIdle: boolean;
}

/** A popup row (on a line that is not the composer's): a generated file or directory (bench/support/tree.ts). */
const RESULT = /\b(?:[a-z]+\d+\.ts|(?:src|lib|app|test|components)\d)\b/;

export async function popupRun(argv: string[], env: Record<string, string>, cwd: string, opts: PopupOptions): Promise<PopupRun> {
  const term = newTerminal(COLS, ROWS);
  const p = pty.spawn(argv[0]!, argv.slice(1), { name: 'xterm-256color', cols: COLS, rows: ROWS, cwd, env });
  let screen = '';
  let changedAt = performance.now();
  let watcher: (() => void) | undefined;
  p.onData((d) => term.write(d, () => {
    const next = screenLines(term).join('\n');
    if (next !== screen) {
      screen = next;
      changedAt = performance.now();
    }
    watcher?.();
  }));
  const until = (ok: () => boolean, what: string, ms = 60_000): Promise<void> => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watcher = undefined;
      reject(new Error(`${argv[0]}: no ${what} within ${ms} ms; screen:\n${screen}`));
    }, ms);
    const check = (): void => {
      if (!ok()) return;
      clearTimeout(timer);
      watcher = undefined;
      resolve();
    };
    watcher = check;
    check();
  });
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const resultRows = (): boolean => screen.split('\n').some((l) => !l.includes('@') && RESULT.test(l));
  try {
    await until(() => screen.includes('Ask Codex'), 'composer');
    if (opts.afterIdle) {
      for (let last = cpuMsOf(p.pid), i = 0; i < 120; i++) {
        await sleep(500);
        const now = cpuMsOf(p.pid);
        if (now === last) break;
        last = now;
      }
    }
    const cpu0 = cpuMsOf(p.pid);
    p.write('@');
    await sleep(opts.gapMs);
    const t0 = performance.now();
    p.write(opts.query[0]!);
    await until(resultRows, 'first result row');
    const firstResultsMs = performance.now() - t0;
    for (const ch of opts.query.slice(1)) {
      await sleep(opts.gapMs);
      p.write(ch);
    }
    // The final answer: the whole query in the composer, result rows, and a screen that stays still.
    await until(() => screen.includes(`@${opts.query}`) && resultRows(), 'final query on screen');
    const poll = setInterval(() => watcher?.(), 50);
    try {
      await until(() => performance.now() - changedAt > 500, 'a still screen');
    } finally {
      clearInterval(poll);
    }
    return { firstResultsMs, cpuMs: cpuMsOf(p.pid) - cpu0 };
  } finally {
    p.kill('SIGKILL');
    term.dispose();
  }
}
