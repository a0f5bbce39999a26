// Records a trust decision in $CODEX_HOME/config.toml as
// `[projects."<root>"] trust_level = "…"`, editing the file as text (comments,
// order and other keys kept), verified and replaced atomically.
import { join } from 'node:path';
import { editConfigTable } from './edit/config-file.js';
import type { TrustLevel } from './trust.js';

/** Throws ConfigError or the file system's error; the file is then unchanged. */
export function recordProjectTrust(codexHome: string, root: string, level: TrustLevel): void {
  editConfigTable(join(codexHome, 'config.toml'), ['projects', root], { kind: 'set', entries: { trust_level: level } });
}
