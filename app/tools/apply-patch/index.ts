// apply_patch as the agent uses it: preview (parse + validate against the
// files, for approval and events) and apply (validate again, then write all
// or nothing). Patch errors come back as values, never as exceptions.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileChange } from '../../protocol/events.js';
import { commitWrites } from './commit.js';
import { PatchApplyError, planPatch } from './engine.js';
import { capPatchMessage } from './message-cap.js';
import type { PatchPlan, ReadFile } from './engine.js';
import { parsePatch, PatchParseError } from './parser.js';

export { maybeParseApplyPatchFromArgv } from './detect.js';
export { journalPathFor, recoverUnfinishedPatches } from './journal.js';
export type { ApplyPatchInvocation } from './detect.js';
export { PatchApplyError } from './engine.js';
export type { PatchPlan, PlannedWrite, ReadFile } from './engine.js';
export { parsePatch, PatchParseError } from './parser.js';
export type { Hunk, UpdateChunk } from './parser.js';

export type PatchPreview = ({ ok: true } & PatchPlan) | { ok: false; error: string };

export interface ApplyPatchResult {
  readonly success: boolean;
  /** The success summary (`Success. Updated the following files:` …), '' on failure. */
  readonly stdout: string;
  /** The error for the model, '' on success. */
  readonly stderr: string;
  /** What changed (empty on failure), keyed by absolute path. */
  readonly changes: Record<string, FileChange>;
}

/**
 * Reads a regular file. Opened non-blocking and checked before reading: a FIFO
 * (which the agent can create) would otherwise block the read forever, and a
 * device could be endless.
 */
const readFromDisk: ReadFile = async (p) => {
  const file = await open(p, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await file.stat();
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR: is a directory, read'), { code: 'EISDIR' });
    if (!st.isFile()) throw new Error('Not a regular file (a FIFO, socket or device)');
    return await file.readFile();
  } finally {
    await file.close();
  }
};

function isPatchError(err: unknown): err is PatchParseError | PatchApplyError {
  return err instanceof PatchParseError || err instanceof PatchApplyError;
}

/** Parses and checks the patch against the files under `cwd`; writes nothing. */
export async function previewPatch(patch: string, cwd: string, read: ReadFile = readFromDisk): Promise<PatchPreview> {
  try {
    return { ok: true, ...(await planPatch(parsePatch(patch), cwd, read)) };
  } catch (err) {
    if (isPatchError(err)) return { ok: false, error: capPatchMessage(err.message) };
    throw err;
  }
}

/**
 * Applies the patch to the files under `cwd` atomically: all files change, or
 * none. `journalPath` (beside the session log) lets the next start finish or
 * undo a patch this process did not live to finish.
 */
export async function applyPatch(patch: string, cwd: string, journalPath?: string): Promise<ApplyPatchResult> {
  const preview = await previewPatch(patch, cwd);
  if (!preview.ok) return { success: false, stdout: '', stderr: `${preview.error}\n`, changes: {} };
  try {
    await commitWrites(preview.writes, journalPath);
  } catch (err) {
    if (err instanceof PatchApplyError) return { success: false, stdout: '', stderr: `${capPatchMessage(err.message)}\n`, changes: {} };
    throw err;
  }
  return { success: true, stdout: preview.summary, stderr: '', changes: preview.changes };
}
