// The file side of checkpoints: what a path holds now (as a blob id), copies
// of files kept with the session (outside git), and writing a remembered
// state back (a whole file replaced by rename, so no reader sees half of it).
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { blobOid } from './blob-id.js';
import type { FileMode, FileState, Fingerprint } from './types.js';

function modeOf(st: { mode: number }): FileMode {
  return st.mode & 0o111 ? 'exec' : 'file';
}

/** The bytes a path holds (a symlink's target) and its mode, or undefined when it is absent; 'other' for a directory. */
function readEntry(path: string): { bytes: Buffer; mode: FileMode } | 'other' | undefined {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return undefined;
  }
  if (st.isSymbolicLink()) return { bytes: readlinkSync(path, { encoding: 'buffer' }), mode: 'symlink' };
  if (!st.isFile()) return 'other';
  return { bytes: readFileSync(path), mode: modeOf(st) };
}

export function fingerprint(path: string): Fingerprint {
  const e = readEntry(path);
  if (e === undefined) return { kind: 'absent' };
  if (e === 'other') return { kind: 'other' };
  return { kind: 'present', oid: blobOid(e.bytes), mode: e.mode };
}

/** Copies `path` into `dir/files/<blob id>` (once per content) and returns its state; a directory is not copied. */
export function saveCopy(dir: string, path: string): FileState | undefined {
  const e = readEntry(path);
  if (e === undefined) return { kind: 'absent' };
  if (e === 'other') return undefined;
  const oid = blobOid(e.bytes);
  const file = join(dir, 'files', oid);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, e.bytes, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  return { kind: 'present', oid, mode: e.mode, store: 'copy' };
}

export function readCopy(dir: string, oid: string): Buffer {
  const bytes = readFileSync(join(dir, 'files', oid));
  if (blobOid(bytes) !== oid) throw new Error(`the saved copy ${oid} is damaged`);
  return bytes;
}

/** Puts `state` at `path`: removes it (absent), or writes the bytes with the mode (a symlink's bytes are its target). */
export function writeState(path: string, state: FileState, bytes: Buffer | undefined): void {
  if (state.kind === 'absent') {
    rmSync(path, { force: true });
    return;
  }
  if (!bytes) throw new Error(`no content for ${path}`);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.codex-undo-${process.pid}`);
  if (state.mode === 'symlink') {
    symlinkSync(bytes, tmp);
  } else {
    let mode = 0o666 & ~process.umask();
    try {
      mode = lstatSync(path).mode & 0o777;
    } catch { /* a new file gets the default mode */ }
    mode = state.mode === 'exec' ? mode | ((mode & 0o444) >> 2) : mode & ~0o111;
    writeFileSync(tmp, bytes, { mode });
    chmodSync(tmp, mode);
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
