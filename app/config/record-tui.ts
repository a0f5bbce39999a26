// Records TUI choices (/theme, /statusline) in $CODEX_HOME/config.toml as keys
// of `[tui]`, editing the file as text (comments, order and other keys kept),
// verified and replaced atomically.
import { join } from 'node:path';
import { editConfigTable } from './edit/config-file.js';

/** Throws ConfigError or the file system's error; the file is then unchanged. Returns the file written. */
export function recordTuiSettings(codexHome: string, entries: { theme?: string; status_line?: readonly string[] }): string {
  const file = join(codexHome, 'config.toml');
  editConfigTable(file, ['tui'], { kind: 'set', entries });
  return file;
}
