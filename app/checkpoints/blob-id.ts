// git's name for a file's bytes: sha1 of `blob <size>\0<bytes>`. Computed here
// for files outside git and for what is on disk now, so they compare with the
// ids git gives the same bytes (hash-object --no-filters).
import { createHash } from 'node:crypto';

export function blobOid(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
