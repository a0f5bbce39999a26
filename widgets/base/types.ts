// The contract between widgets and the renderer. Widgets are retained objects
// that draw into a rectangle of a cell grid; they never write to the terminal.
// Colours are theme token names (keys of a theme's `colors` in themes/*.json),
// resolved to real colours by the renderer for the terminal's colour depth.

export interface Style {
  /** Theme token, e.g. 'text', 'muted', 'accent', 'success', 'error', 'diff.add'. */
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strikethrough?: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A styled run of text, the unit of pre-wrapped content (markdown, diffs, output). */
export interface Span {
  text: string;
  style?: Style;
}
export type Line = Span[];

/** The drawing surface a widget renders into (implemented by the cell grid). */
export interface Surface {
  readonly width: number;
  readonly height: number;
  /**
   * Writes text at (x, y) grapheme by grapheme, clipped to `maxWidth` columns
   * and to the surface; wide graphemes take two cells. Returns columns used.
   */
  writeText(x: number, y: number, text: string, style?: Style, maxWidth?: number): number;
  writeLine(x: number, y: number, line: Line, maxWidth?: number): number;
  fill(area: Rect, ch: string, style?: Style): void;
  /** Where the terminal cursor goes after this frame (the composer's caret); last call wins. */
  setCursor(x: number, y: number): void;
}

export interface Widget {
  /** Rows this widget wants at the given width; layout gives it at most that. */
  measure(width: number): number;
  /** Draws into `area` of the surface; must not touch cells outside it. */
  render(surface: Surface, area: Rect): void;
}
