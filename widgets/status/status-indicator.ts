// The line shown while a turn runs: a spinner, the header (`Working`, or the
// first bold heading of the reasoning summary), elapsed seconds and the
// interrupt hint: `Working (12s • Esc to interrupt)`. (What the user sent
// meanwhile shows below it: pending-input.ts.)
import { truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const SPINNER_INTERVAL_MS = 100;

/** The spinner glyph for a moment in time (shared by running cells). */
export function spinnerFrame(now: number): string {
  return SPINNER[Math.floor(now / SPINNER_INTERVAL_MS) % SPINNER.length]!;
}

const S = {
  spinner: { fg: 'spinner' } as Style,
  header: { fg: 'status', bold: true } as Style,
  detail: { fg: 'muted' } as Style,
};

export function formatElapsed(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m ${String(seconds % 60).padStart(2, '0')}s`;
}

export class StatusIndicator implements Widget {
  header = 'Working';
  startedAt = 0;
  now = 0;
  /** Animations off (`tui.animations = false`): a static bullet instead of the spinner. */
  animate = true;

  start(now: number): void {
    this.header = 'Working';
    this.startedAt = now;
    this.now = now;
  }

  measure(_width: number): number {
    return 1;
  }

  render(surface: Surface, area: Rect): void {
    if (area.height <= 0) return;
    const elapsed = Math.max(0, Math.floor((this.now - this.startedAt) / 1000));
    const frame = this.animate ? spinnerFrame(this.now) : '•';
    let x = area.x;
    x += surface.writeText(x, area.y, `${frame} `, S.spinner);
    x += surface.writeText(x, area.y, truncate(this.header, Math.max(1, area.width - 30)), S.header);
    surface.writeText(x, area.y, ` (${formatElapsed(elapsed)} • Esc to interrupt)`, S.detail, area.x + area.width - x);
  }
}
