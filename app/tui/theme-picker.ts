// /theme: the built-in themes (and the configured theme file, if that is what
// is in use; one that cannot be loaded is not), the current one marked. Moving the selection repaints the
// screen with it; Enter keeps it and records `[tui] theme` in config.toml;
// Esc goes back to the theme in effect.
import { BUILTIN_THEMES } from '../../widgets/base/theme.js';
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import { recordTuiSettings } from '../config/record-tui.js';
import type { TuiApp } from './app.js';
import { ChoiceOverlay } from './choice.js';
import { DEFAULT_THEME, loadTheme } from './theme-files.js';

/** The theme on screen: the configured one, or the default when it could not be loaded (main.ts warned then). */
function themeInUse(app: TuiApp): string {
  try {
    loadTheme(app.config.tui.theme, app.config.cwd);
    return app.config.tui.theme;
  } catch {
    return DEFAULT_THEME;
  }
}

function show(app: TuiApp, theme: string): boolean {
  try {
    app.host.setTheme(theme);
    app.host.requestFrame();
    return true;
  } catch (e) {
    app.addCell(errorCell(`/theme: ${(e as Error).message}`));
    return false;
  }
}

export function openThemePicker(app: TuiApp): void {
  const before = themeInUse(app);
  const themes: string[] = [...BUILTIN_THEMES];
  if (!themes.includes(before)) themes.push(before);
  const choices = themes.map((t) => ({ item: { label: t }, value: t }));
  app.pushOverlay(new ChoiceOverlay('Select a theme (↑/↓ preview, Enter keeps, Esc goes back)', choices, (theme) => {
    if (!show(app, theme)) return;
    app.settings.setTuiSettings({ theme });
    try {
      const file = recordTuiSettings(app.config.codexHome, { theme });
      app.addCell(infoCell(`Theme set to ${theme} (saved in ${file})`));
    } catch (e) {
      app.addCell(errorCell(`Theme set to ${theme} for this run; not saved: ${(e as Error).message}`));
    }
  }, themes.indexOf(before), {
    preview: (theme) => show(app, theme),
    cancel: () => show(app, before),
  }));
}
