// Appends to a log of JSON lines (opened O_APPEND) so that a reader never
// finds a line cut short by this process: a write that fails part-way (a full
// disk: ENOSPC, EDQUOT) is cut back off the file before the error is thrown.
import { fchmodSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';

/**
 * Opens a log of the user's work (conversation, prompts, session names) to
 * append, for the user only: made 0600, and one left wider (0644: an older
 * version, the native CLI's rollouts) narrowed before a line of ours goes in.
 */
export function openPrivateLog(path: string, flags: 'a' | 'a+'): number {
  const fd = openSync(path, flags, 0o600);
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
