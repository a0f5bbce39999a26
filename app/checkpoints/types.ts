// What a checkpoint remembers, as data. A file's content is named by its git
// blob id (sha1 of `blob <size>\0<bytes>`, the bytes as they are on disk, no
// filters), whether the bytes live in the repository's object store (a git
// work tree) or as a copy kept with the session (outside git).
import { z } from 'zod';

export const fileModeSchema = z.enum(['file', 'exec', 'symlink']);
export type FileMode = z.infer<typeof fileModeSchema>;

export const fileStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('absent') }),
  z.object({ kind: z.literal('present'), oid: z.string().regex(/^[0-9a-f]{40}$/), mode: fileModeSchema, store: z.enum(['git', 'copy']) }),
]);
export type FileState = z.infer<typeof fileStateSchema>;

/** What a path holds now, as far as undo compares it: nothing, a file, or something else (a directory). */
export type Fingerprint = { kind: 'absent' } | { kind: 'present'; oid: string; mode: FileMode } | { kind: 'other' };

export const changeSchema = z.object({ path: z.string().min(1), before: fileStateSchema, after: fileStateSchema });
/** One file a turn changed (absolute path), before and after the turn. */
export type Change = z.infer<typeof changeSchema>;

export const turnRecordSchema = z.object({
  /** The user turn (1 = the first message of the conversation) whose task changed the files. */
  turn: z.number().int().positive(),
  /** The work tree snapshots (commit objects no ref points to), when the turn ran in a git work tree. */
  git: z.object({ root: z.string(), before: z.string(), after: z.string() }).optional(),
  changes: z.array(changeSchema),
});
export type TurnRecord = z.infer<typeof turnRecordSchema>;

/** One line of a session's checkpoint log: a finished turn's record, or turns undone. */
export const logLineSchema = z.union([
  z.object({ record: turnRecordSchema }),
  z.object({ undone: z.array(z.number().int().positive()) }),
]);
export type LogLine = z.infer<typeof logLineSchema>;
