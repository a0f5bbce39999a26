// Names of configured servers and of the tools the model sees (reference §6.1).
// The model API accepts function names matching ^[a-zA-Z0-9_-]{1,64}$, so the
// qualified name `server__tool` is sanitised and, when too long, shortened to a
// prefix plus the SHA-1 of the whole name (stable across runs).
import { createHash } from 'node:crypto';

export const SERVER_NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;
export const TOOL_NAME_DELIMITER = '__';
export const MAX_TOOL_NAME_LENGTH = 64;
const SHA1_HEX_LENGTH = 40;

export function isValidServerName(name: string): boolean {
  return SERVER_NAME_PATTERN.test(name);
}

/** Replaces every character outside [A-Za-z0-9_-] with `_`. */
export function sanitizeNamePart(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** `server__tool`, sanitised; longer than 64 → first 24 chars + 40-hex SHA-1 of the full name. */
export function qualifiedToolName(server: string, tool: string): string {
  const full = `${sanitizeNamePart(server)}${TOOL_NAME_DELIMITER}${sanitizeNamePart(tool)}`;
  if (full.length <= MAX_TOOL_NAME_LENGTH) return full;
  const sha1 = createHash('sha1').update(full).digest('hex');
  return full.slice(0, MAX_TOOL_NAME_LENGTH - SHA1_HEX_LENGTH) + sha1;
}
