// Replaces a file atomically: the new text goes to a temp file beside the
// target (same mode, fsynced), which is then renamed over it, so a reader sees
// the old file or the new one, never half of one. A symlinked target stays a
// symlink (the file it points to is replaced); a missing one is created 0600.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(file: string, text: string): void {
  let target = file;
  try {
    target = realpathSync(file);
  } catch {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 }); // a missing CODEX_HOME is made for the user only
  }
  let mode = 0o600;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch { /* new file */ }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, target);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
