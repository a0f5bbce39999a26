// Interns styles to small integers so the cell grid stores one number per cell
// and frame diffs compare numbers. Ids are process-wide and stable: 0 is the
// default style. Style objects are usually constants, so a WeakMap skips the
// key building for repeated objects.
import type { Style } from './types.js';

const byKey = new Map<string, number>();
const byObject = new WeakMap<Style, number>();
const styles: Style[] = [{}];
byKey.set(keyOf({}), 0);

function keyOf(s: Style): string {
  return `${s.fg ?? ''}|${s.bg ?? ''}|${s.bold ? 1 : 0}${s.dim ? 1 : 0}${s.italic ? 1 : 0}${s.underline ? 1 : 0}${s.inverse ? 1 : 0}${s.strikethrough ? 1 : 0}`;
}

export function styleId(style: Style | undefined): number {
  if (!style) return 0;
  const known = byObject.get(style);
  if (known !== undefined) return known;
  const key = keyOf(style);
  let id = byKey.get(key);
  if (id === undefined) {
    id = styles.length;
    styles.push({ ...style });
    byKey.set(key, id);
  }
  byObject.set(style, id);
  return id;
}

export function styleById(id: number): Style {
  return styles[id] ?? {};
}

/** Number of interned styles (for per-id caches such as the renderer's SGR table). */
export function styleCount(): number {
  return styles.length;
}

/** `base` with `over`'s fields on top (for a widget layering e.g. a selection background). */
export function mergeStyles(base: Style | undefined, over: Style | undefined): Style | undefined {
  if (!base) return over;
  if (!over) return base;
  return { ...base, ...over };
}
