// What the front ends and the model are told about checkpoints: the files a
// turn changed, the files an undo put back (relative to the working
// directory), or why nothing was.
import { relative } from 'node:path';
import type { Checkpoints, UndoOutcome } from '../checkpoints/checkpoints.js';
import type { ResponseItem } from '../model/items.js';
import type { EventMsg } from '../protocol/events.js';
import { userActionMessage } from './conversation.js';

export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export function undoEvent(outcome: UndoOutcome, cwd: string): EventMsg {
  const shown = (paths: readonly string[]) => paths.map((p) => shownPath(cwd, p));
  switch (outcome.kind) {
    case 'nothing':
      return { type: 'undo_failed', message: 'Nothing to undo: no turn of this conversation changed files.', files: [] };
    case 'restored':
      return { type: 'undo_completed', files: shown(outcome.paths) };
    case 'conflict':
      return { type: 'undo_failed', message: 'Not undone: these files were changed after Codex changed them', files: shown(outcome.paths) };
    case 'failed': {
      const done = outcome.restored.length ? ` (already restored: ${shown(outcome.restored).join(', ')})` : '';
      return { type: 'undo_failed', message: `Undo failed: ${outcome.message}${done}`, files: [] };
    }
    default: {
      const _: never = outcome;
      return _;
    }
  }
}

/** The model's note of a completed undo, so its next request knows the files changed back. */
export function undoNote(files: readonly string[]): ResponseItem {
  return userActionMessage(`The user undid the file changes of your last turn that changed files (/undo): ${files.join(', ')} are back as they were before that turn, and your edits to them are gone.`);
}

/** Ends the turn's checkpoint: the event naming the files it changed, a warning when they could not be recorded, or nothing. */
export async function endTurnCheckpoint(checkpoints: Checkpoints, cwd: string): Promise<EventMsg | undefined> {
  try {
    const record = await checkpoints.endTurn();
    return record && { type: 'turn_checkpoint', turn: record.turn, files: record.changes.map((c) => shownPath(cwd, c.path)) };
  } catch (err) {
    return { type: 'warning', message: `The files this turn changed could not be recorded (/undo cannot restore them): ${(err as Error).message}` };
  }
}
