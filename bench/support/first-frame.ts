// Spawns a full-screen program in a pty and waits until a predicate holds on
// its screen (the composer is drawn): the wall time from spawn and the CPU the
// process had used by then. CPU is read from /proc/<pid>/task/*/schedstat (ns
// on a core, every thread) the moment each chunk of output arrives, before the
// chunk is parsed, so the reading belongs to the frame that chunk completes
// and not to whatever the program does afterwards. Without /proc (not Linux)
// only the wall time is known.
import { readdirSync, readFileSync } from 'node:fs';
import * as pty from 'node-pty';
import { newTerminal, screenLines } from '../../test/support/screen.js';

export interface FirstFrame { ms: number; cpuMs: number | undefined }

/** Nanoseconds on a CPU so far, summed over the live threads of `pid`; undefined without /proc. */
export function processCpuMs(pid: number): number | undefined {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * `opts.settled`, when given, must also hold (polled every 20 ms after the
 * frame, within the timeout) before the program is killed: a file it writes
 * after its first frame, say. The figures stay those of the frame.
 */
export function firstFrame(
  argv: string[], opts: { env: Record<string, string>; cwd: string; cols: number; rows: number; timeoutMs?: number; settled?: () => boolean },
  done: (screen: string) => boolean,
): Promise<FirstFrame> {
  return new Promise((resolve, reject) => {
    const term = newTerminal(opts.cols, opts.rows);
    const t0 = performance.now();
    const p = pty.spawn(argv[0]!, argv.slice(1), { name: 'xterm-256color', cols: opts.cols, rows: opts.rows, cwd: opts.cwd, env: opts.env });
    let settled = false;
    let framed = false;
    const finish = (): void => {
      settled = true;
      clearTimeout(timer);
      p.kill('SIGKILL');
      term.dispose();
    };
    const timer = setTimeout(() => {
      const screen = screenLines(term).join('\n');
      finish();
      const what = framed ? 'the first frame, but opts.settled never held' : 'no first frame';
      reject(new Error(`${argv.join(' ')}: ${what} within ${opts.timeoutMs ?? 20_000} ms; screen:\n${screen}`));
    }, opts.timeoutMs ?? 20_000);
    p.onData((d) => {
      if (settled || framed) return;
      const ms = performance.now() - t0;
      const cpuMs = processCpuMs(p.pid);
      term.write(d, () => {
        if (settled || framed || !done(screenLines(term).join('\n'))) return;
        framed = true;
        const settle = (): void => {
          if (settled) return;
          if (opts.settled && !opts.settled()) {
            setTimeout(settle, 20);
            return;
          }
          finish();
          resolve({ ms, cpuMs });
        };
        settle();
      });
    });
  });
}
