// Theme files: `tui.theme` is a built-in name (themes/<name>.json) or a path to
// a JSON file, which may `extends` a built-in theme. The shell loads the theme
// here and hands the value to the renderer; widgets never read files.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { assetPath } from '../assets.js';
import { BUILTIN_THEMES, parseTheme, ThemeError, type Theme } from '../../widgets/base/theme.js';

const cache = new Map<string, Theme>();

/** Loads a built-in theme by name or a theme file by path (relative to `cwd`). */
export function loadTheme(nameOrPath: string, cwd = process.cwd()): Theme {
  const builtin = (BUILTIN_THEMES as readonly string[]).includes(nameOrPath);
  const file = builtin ? assetPath('themes', `${nameOrPath}.json`) : isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!builtin && !nameOrPath.endsWith('.json')) {
    throw new ThemeError(`tui.theme: unknown theme "${nameOrPath}" (expected ${BUILTIN_THEMES.join(', ')} or a path to a .json file)`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ThemeError(`tui.theme: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const theme = parseTheme(text, file, (n) => loadTheme(n, cwd));
  cache.set(file, theme);
  return theme;
}

/** What `tui.theme` defaults to, and what applies when the configured theme cannot be loaded. */
export const DEFAULT_THEME = 'dark';

/** `tui.theme`, or the default theme when it cannot be loaded; the problem goes to `onProblem`. */
export function loadThemeOrDefault(nameOrPath: string, cwd: string, onProblem: (message: string) => void): Theme {
  try {
    return loadTheme(nameOrPath, cwd);
  } catch (e) {
    if (!(e instanceof ThemeError)) throw e;
    onProblem(`${e.message} (the default theme "${DEFAULT_THEME}" applies)`);
    return loadTheme(DEFAULT_THEME, cwd);
  }
}
