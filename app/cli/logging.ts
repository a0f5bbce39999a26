// Where logs go, chosen once per process by the dispatcher: the TUI owns the
// terminal, so it logs to $CODEX_HOME/log/codex-tui.log (default level info);
// every other command logs to stderr (default warn). RUST_LOG / CODEX_LOG
// (`debug`, `warn,codex_core=trace`) override the level.
import { configureLogging, tuiLogFile } from '../log.js';

export { tuiLogFile };

/** Returns the log file, or undefined when logging to stderr. */
export function setupLogging(front: 'tui' | 'stderr', codexHome: string | undefined): string | undefined {
  if (front === 'tui' && codexHome) {
    const file = tuiLogFile(codexHome);
    configureLogging({ file }, 'info');
    return file;
  }
  configureLogging('stderr', 'warn');
  return undefined;
}
