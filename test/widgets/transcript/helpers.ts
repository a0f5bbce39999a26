// Small helpers shared by the transcript widget tests.
import type { Line, Style } from '../../../widgets/base/types.js';

export const plain = (rows: readonly Line[]): string[] => rows.map((r) => r.map((s) => s.text).join('').trimEnd());

/** The style of the first span whose text contains `needle`. */
export function styleOf(rows: readonly Line[], needle: string): Style | undefined {
  for (const r of rows) for (const s of r) if (s.text.includes(needle)) return s.style ?? {};
  return undefined;
}
