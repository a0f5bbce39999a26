// Leveled logging filtered by RUST_LOG / CODEX_LOG (`info`, `warn,codex_tui=debug`, …).
// Front ends choose the sink once: exec logs to stderr, the TUI to
// $CODEX_HOME/log/codex-tui.log (it owns the screen), the proxy to stderr in
// batches (a line per request). Nothing is written until a sink is set.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { narrowPrivate } from './code-cache-dir.js';

export type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';
const RANK: Record<Level | 'off', number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 };

interface Filter { fallback: number; targets: [string, number][] }

/** Parses `error|warn|info|debug|trace|off` and `target=level` lists. Unknown words are ignored. */
export function parseLogFilter(spec: string | undefined, fallback: Level = 'warn'): Filter {
  const f: Filter = { fallback: RANK[fallback], targets: [] };
  for (const part of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const level = (eq < 0 ? part : part.slice(eq + 1)).toLowerCase() as Level | 'off';
    if (!(level in RANK)) continue;
    if (eq < 0) f.fallback = RANK[level];
    else f.targets.push([part.slice(0, eq), RANK[level]]);
  }
  return f;
}

export function levelEnabled(f: Filter, target: string, level: Level): boolean {
  let limit = f.fallback;
  let best = -1;
  for (const [t, r] of f.targets) {
    if ((target === t || target.startsWith(`${t}::`) || target.startsWith(`${t}/`)) && t.length > best) {
      best = t.length;
      limit = r;
    }
  }
  return RANK[level] <= limit;
}

let filter = parseLogFilter(undefined);
let sink: ((line: string) => void) | undefined;

/** Where the TUI logs (it owns the screen, so not stderr). */
export function tuiLogFile(codexHome: string): string {
  return join(codexHome, 'log', 'codex-tui.log');
}

/** How long log lines wait to go out together: a server logging a line per request makes a write per batch. */
export const LOG_BATCH_MS = 100;
const MAX_BATCH = 64 * 1024;
/** Log text stderr may hold unwritten (its reader stalled); past it, lines are counted, not kept. */
const MAX_STDERR_BACKLOG = 4 * 1024 * 1024;

/**
 * stderr in batches: lines are gathered and written together every
 * LOG_BATCH_MS (or at 64 KiB), and what is held at exit is written then, so a
 * request costs the proxy no write of its own. When stderr is not being read,
 * at most 4 MiB waits; further lines are counted and the count is logged.
 */
function batchedStderr(): (line: string) => void {
  let held = '';
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (dropped > 0) held += `${dropped} log line(s) dropped: stderr was not taking them\n`;
    dropped = 0;
    if (held) process.stderr.write(held);
    held = '';
  };
  process.once('exit', flush);
  return (line) => {
    if (process.stderr.writableLength + held.length > MAX_STDERR_BACKLOG) {
      dropped++;
      return;
    }
    held += line;
    if (held.length >= MAX_BATCH) flush();
    else timer ??= setTimeout(flush, LOG_BATCH_MS).unref();
  };
}

export function configureLogging(to: 'stderr' | 'stderr-batched' | { file: string }, fallback: Level = 'warn'): void {
  filter = parseLogFilter(process.env.CODEX_LOG ?? process.env.RUST_LOG, fallback);
  if (to === 'stderr') sink = (line) => process.stderr.write(line);
  else if (to === 'stderr-batched') sink = batchedStderr();
  else {
    // A log that cannot be written (a full disk, a read-only home) must not stop the program it logs.
    let dirMade = false;
    // It tells of the user's work: one an older version left wider (log/ 0755, the file 0644) is narrowed,
    // off the path to the first frame, whether or not this session logs.
    setImmediate(() => [dirname(to.file), to.file].forEach(narrowPrivate)).unref();
    sink = (line) => {
      try {
        if (!dirMade) {
          mkdirSync(dirname(to.file), { recursive: true, mode: 0o700 });
          dirMade = true;
        }
        appendFileSync(to.file, line, { mode: 0o600 });
      } catch {
        // nowhere left to say it
      }
    };
  }
}

// A server logging a line per request logs several within a millisecond: they share one timestamp string.
let stampMs = -1;
let stamp = '';
function timestamp(): string {
  const now = Date.now();
  if (now !== stampMs) {
    stampMs = now;
    stamp = new Date(now).toISOString();
  }
  return stamp;
}

function emit(level: Level, target: string, args: unknown[]): void {
  if (!sink || !levelEnabled(filter, target, level)) return;
  const text = args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.stack ?? a.message : JSON.stringify(a))).join(' ');
  sink(`${timestamp()} ${level.toUpperCase().padEnd(5)} ${target}: ${text}\n`);
}

/** `const log = logger('codex_core::model')` — targets name the module, as the original's do. */
export function logger(target: string) {
  return {
    error: (...a: unknown[]) => emit('error', target, a),
    warn: (...a: unknown[]) => emit('warn', target, a),
    info: (...a: unknown[]) => emit('info', target, a),
    debug: (...a: unknown[]) => emit('debug', target, a),
    trace: (...a: unknown[]) => emit('trace', target, a),
  };
}
