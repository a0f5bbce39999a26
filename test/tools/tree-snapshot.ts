// Every entry under a directory (bytes, mode, link target), so a test can
// assert that an operation changed nothing at all.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export function treeSnapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      const key = relative(root, p);
      if (st.isSymbolicLink()) out[key] = `link:${readlinkSync(p)}`;
      else if (st.isDirectory()) { out[key] = `dir:${st.mode.toString(8)}`; walk(p); }
      else out[key] = `file:${st.mode.toString(8)}:${readFileSync(p).toString('base64')}`;
    }
  };
  walk(root);
  return out;
}
