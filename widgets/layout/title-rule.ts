// The title row of full-screen views (transcript pager, /diff, session
// picker): `─ Title ───────…` across the width.
import { displayWidth, truncate } from '../base/text.js';
import type { Style, Surface } from '../base/types.js';

const TITLE: Style = { fg: 'accent', bold: true };
const RULE: Style = { fg: 'border' };

export function drawTitleRule(surface: Surface, x: number, y: number, width: number, title: string): void {
  const head = truncate(`─ ${title} `, width);
  const w = displayWidth(head);
  surface.writeText(x, y, head, TITLE);
  surface.writeText(x + w, y, '─'.repeat(Math.max(0, width - w)), RULE);
}
