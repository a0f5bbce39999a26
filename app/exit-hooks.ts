// Cleanup that must run however this process ends: child process groups
// (shell commands, MCP servers) are spawned detached, so nothing else takes
// them down. Node runs 'exit' listeners on a normal exit but not when a signal
// ends the process by default, so SIGINT/SIGTERM/SIGHUP that no front end
// handles run the hooks first and then end the process by the same signal.
// The listeners are installed when this module loads, before anything can be
// spawned: installed with the first hook, just after a spawn, they could miss
// a signal sent the moment the child shows it runs (a loaded machine need not
// schedule this process in between), and the signal's default action would
// end codex and leave the child behind. With no hook registered, a signal
// still ends the process as it would by default.
import { constants } from 'node:os';

const hooks = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function runHooks(): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // one failing hook must not keep the others from running
    }
  }
  hooks.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // Another listener (exec's Ctrl+C, the proxy's drain, the TUI) handles it and exits normally.
  if (process.listenerCount(signal) > 1) return;
  runHooks();
  process.off(signal, onSignal);
  try {
    process.kill(process.pid, signal);
  } catch {
    process.exit(128 + (constants.signals[signal] ?? 0));
  }
}

process.once('exit', runHooks);
for (const s of SIGNALS) process.on(s, onSignal);

/** Runs `hook` (synchronously) when the process exits or a fatal signal ends it; returns an unregister function. */
export function onProcessExit(hook: () => void): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}
