// Appends to a log of JSON lines (opened O_APPEND) so that a reader never
// finds a line cut short by this process: a write that fails part-way (a full
// disk: ENOSPC, EDQUOT) is cut back off the file before the error is thrown.
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';

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
