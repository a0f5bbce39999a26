// Themes are data (themes/<name>.json): token → colour. Widgets name tokens in
// their Style; the renderer resolves them here. A token that a theme lacks
// falls back to its dotted parent ('diff.add.bg' → 'diff.add' → 'diff') and
// finally to the terminal default. Pure: the TUI shell reads the files
// (app/tui/theme-files.ts) and widgets get the Theme value.

/** Tokens every built-in theme defines (the vocabulary widgets may use). */
export const THEME_TOKENS = [
  'text', 'muted', 'accent', 'success', 'error', 'warning', 'info',
  'user', 'user.bg', 'agent', 'reasoning', 'heading', 'link', 'quote', 'bullet',
  'code', 'code.bg', 'code.border',
  'diff.add', 'diff.add.bg', 'diff.del', 'diff.del.bg', 'diff.hunk', 'diff.context', 'diff.gutter',
  'exec.command', 'exec.running', 'tool',
  'plan.done', 'plan.active', 'plan.pending',
  'selection', 'selection.bg', 'border', 'header', 'status', 'spinner', 'key', 'placeholder', 'match',
  'modal.border', 'popup.bg',
  // Fenced code, by token class.
  'syntax.keyword', 'syntax.string', 'syntax.comment', 'syntax.number', 'syntax.function', 'syntax.type', 'syntax.builtin', 'syntax.constant', 'syntax.property', 'syntax.meta', 'syntax.variable',
] as const;
export type ThemeToken = (typeof THEME_TOKENS)[number];

/** '#rrggbb' or 'default' (the terminal's own colour). */
export type ThemeColor = string;

export interface Theme {
  readonly name: string;
  readonly colors: Readonly<Record<string, ThemeColor>>;
}

export class ThemeError extends Error {}

const COLOR = /^(#[0-9a-fA-F]{6}|default)$/;

/** The colour for a token, walking up dotted parents; undefined = terminal default. */
export function resolveColor(theme: Theme, token: string | undefined): ThemeColor | undefined {
  let t = token;
  while (t) {
    const c = theme.colors[t];
    if (c !== undefined) return c === 'default' ? undefined : c;
    const dot = t.lastIndexOf('.');
    t = dot > 0 ? t.slice(0, dot) : undefined;
  }
  return undefined;
}

export const BUILTIN_THEMES = ['dark', 'light'] as const;

/** Parses a theme file's text; errors name the file and key. `load` resolves the theme it `extends`. */
export function parseTheme(text: string, file: string, load: (name: string) => Theme): Theme {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ThemeError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ThemeError(`${file}: expected a JSON object`);
  const obj = raw as Record<string, unknown>;
  const colors = obj.colors;
  if (!colors || typeof colors !== 'object' || Array.isArray(colors)) {
    throw new ThemeError(`${file}: key "colors": expected an object of token → "#rrggbb" | "default"`);
  }
  const out: Record<string, ThemeColor> = {};
  for (const [k, v] of Object.entries(colors as Record<string, unknown>)) {
    if (typeof v !== 'string' || !COLOR.test(v)) {
      throw new ThemeError(`${file}: key "colors.${k}": expected "#rrggbb" or "default", got ${JSON.stringify(v)}`);
    }
    out[k] = v.toLowerCase();
  }
  let base: Theme | undefined;
  if (obj.extends !== undefined) {
    if (typeof obj.extends !== 'string') throw new ThemeError(`${file}: key "extends": expected a theme name`);
    base = load(obj.extends);
  }
  const name = typeof obj.name === 'string' ? obj.name : file;
  return Object.freeze({ name, colors: Object.freeze({ ...base?.colors, ...out }) });
}
