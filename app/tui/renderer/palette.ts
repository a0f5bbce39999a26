// Turns interned style ids into SGR sequences for the terminal's colour depth.
// Theme colours are '#rrggbb'; below truecolor they map to the nearest xterm
// 256-colour cube/grey entry or the nearest of the 16 ANSI colours. NO_COLOR
// keeps attributes (bold, underline…) and drops colours.
import { styleById } from '../../../widgets/base/style-table.js';
import { resolveColor, type Theme } from '../../../widgets/base/theme.js';

export type ColorDepth = 'truecolor' | '256' | '16' | 'none';

/** Colour depth from the environment (the same variables terminal-kit and most CLIs consult). */
export function detectColorDepth(env: NodeJS.ProcessEnv = process.env): ColorDepth {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'none';
  const ct = (env.COLORTERM ?? '').toLowerCase();
  if (ct === 'truecolor' || ct === '24bit') return 'truecolor';
  const term = (env.TERM ?? '').toLowerCase();
  if (term === 'dumb') return 'none';
  if (term.includes('truecolor') || term.includes('direct')) return 'truecolor';
  if (term.includes('256')) return '256';
  return '16';
}

// xterm's default 16-colour palette, index = SGR colour number.
const ANSI16: readonly [number, number, number][] = [
  [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
  [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];
const CUBE = [0, 95, 135, 175, 215, 255];

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function dist(a: readonly number[], b: readonly number[]): number {
  return (a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2 + (a[2]! - b[2]!) ** 2;
}

export function to256(hex: string): number {
  const c = rgb(hex);
  const idx = (v: number): number => (v < 48 ? 0 : v < 115 ? 1 : Math.min(5, Math.floor((v - 35) / 40)));
  const [ri, gi, bi] = [idx(c[0]), idx(c[1]), idx(c[2])];
  const cube = [CUBE[ri]!, CUBE[gi]!, CUBE[bi]!];
  const grey = Math.round((c[0] + c[1] + c[2]) / 3);
  const gi24 = grey > 238 ? 23 : grey < 8 ? 0 : Math.round((grey - 8) / 10);
  const greyRgb = [8 + gi24 * 10, 8 + gi24 * 10, 8 + gi24 * 10];
  return dist(c, greyRgb) < dist(c, cube) ? 232 + gi24 : 16 + 36 * ri + 6 * gi + bi;
}

export function to16(hex: string): number {
  const c = rgb(hex);
  let best = 0;
  for (let i = 1; i < 16; i++) if (dist(c, ANSI16[i]!) < dist(c, ANSI16[best]!)) best = i;
  return best;
}

function colorParams(hex: string | undefined, depth: ColorDepth, bg: boolean): string {
  if (!hex || depth === 'none') return '';
  if (depth === 'truecolor') {
    const [r, g, b] = rgb(hex);
    return `;${bg ? 48 : 38};2;${r};${g};${b}`;
  }
  if (depth === '256') return `;${bg ? 48 : 38};5;${to256(hex)}`;
  const n = to16(hex);
  return `;${(bg ? 40 : 30) + (n & 7) + (n >= 8 ? 60 : 0)}`;
}

const SELECTION_BG = 'selection.bg';

/** SGR sequences per style id, computed once per (theme, depth). */
export class Palette {
  private readonly cache: string[] = [];
  constructor(readonly theme: Theme, readonly depth: ColorDepth) {}

  sgr(id: number): string {
    const hit = this.cache[id];
    if (hit !== undefined) return hit;
    const s = styleById(id);
    let p = '0';
    if (s.bold) p += ';1';
    if (s.dim) p += ';2';
    if (s.italic) p += ';3';
    if (s.underline) p += ';4';
    // NO_COLOR: a selection would vanish with its background; reverse video keeps it visible.
    if (s.inverse || (this.depth === 'none' && s.bg === SELECTION_BG)) p += ';7';
    if (s.strikethrough) p += ';9';
    p += colorParams(resolveColor(this.theme, s.fg), this.depth, false);
    p += colorParams(resolveColor(this.theme, s.bg), this.depth, true);
    const seq = `\x1b[${p}m`;
    this.cache[id] = seq;
    return seq;
  }

}
