// Where a config value came from, for messages: the last -c override touching
// its key, else config.toml with the key's line and column.
import type { CliOverride } from './overrides.js';
import { KeyLocator } from './locate.js';

export interface Source {
  readonly file: string;
  readonly text: string;
  readonly cli: readonly CliOverride[];
  /** Where each key is written in `text`, made on first use. */
  keys?: KeyLocator;
}

const overlaps = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.every((p, i) => i >= b.length || p === b[i]) || b.every((p, i) => i >= a.length || p === a[i]);

/** Where a key came from: the last -c override touching it, else the file (with line:column when found). */
export function origin(src: Source, path: readonly PropertyKey[]): string {
  const cli = [...src.cli].reverse().find((o) => overlaps(o.path, path));
  if (cli) return `-c ${cli.raw}`;
  const at = (src.keys ??= new KeyLocator(src.text)).locate(path);
  return at ? `${src.file}:${at.line}:${at.column}` : src.file;
}
