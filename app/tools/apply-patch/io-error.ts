// Describes a file-system error the way the original reports it, e.g.
// `No such file or directory (os error 2)`, without the path node adds.
import { constants } from 'node:os';

const ERRNO: Readonly<Record<string, number>> = constants.errno;

export function describeIoError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  const errno = code !== undefined ? ERRNO[code] : undefined;
  // node: "ENOENT: no such file or directory, open '/x'"
  const m = code !== undefined ? new RegExp(`^${code}: ([^,]+)`).exec(err.message) : null;
  if (m?.[1] && errno !== undefined) return `${m[1][0]!.toUpperCase()}${m[1].slice(1)} (os error ${errno})`;
  return err.message;
}
