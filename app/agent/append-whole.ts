// Appends to a log of JSON lines (opened O_APPEND) so that a reader never
// finds a line cut short by this process: a write that fails part-way (a full
// disk: ENOSPC, EDQUOT) is cut back off the file before the error is thrown.
import { fchmodSync, fstatSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Opens a log of the user's work (conversation, prompts, session names) to
 * append, for the user only: made 0600, and one left wider (0644: an older
 * version, the native CLI's rollouts) narrowed before a line of ours goes in.
 * Its folder is made (0700) when missing: a first prompt may come before
 * anything else made CODEX_HOME.
 */
export function openPrivateLog(path: string, flags: 'a' | 'a+'): number {
  let fd: number;
  try {
    fd = openSync(path, flags, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    fd = openSync(path, flags, 0o600);
  }
  try {
    if ((fstatSync(fd).mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
  } catch {
    // another user's file (EPERM): not ours to narrow; appending is still theirs to allow
  }
  return fd;
}

export function appendWhole(fd: number, text: string): void {
  const data = Buffer.from(text);
  const before = fstatSync(fd).size;
  let done = 0;
  try {
    // write(2) may take only part of the buffer, e.g. the last free blocks of a disk.
    while (done < data.length) done += writeSync(fd, data, done);
  } catch (err) {
    // Only while the file still ends with our partial bytes: another process may have appended since.
    try {
      if (done > 0 && fstatSync(fd).size === before + done) ftruncateSync(fd, before);
    } catch {
      // the write's error is the one to report
    }
    throw err;
  }
}
