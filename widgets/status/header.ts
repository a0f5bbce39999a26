// The session header drawn at the top of the transcript: a rounded box with the
// program name and version, then the working root, model, provider, sandbox
// and approval policy (reference §3.0).
import { truncate } from '../base/text.js';
import type { Rect, Style, Surface, Widget } from '../base/types.js';

export interface SessionInfo {
  version: string;
  cwd: string;
  model: string;
  reasoningEffort?: string;
  provider: string;
  sandbox: string;
  approval: string;
}

const S = {
  border: { fg: 'border' } as Style,
  title: { fg: 'header', bold: true } as Style,
  label: { fg: 'muted' } as Style,
  value: { fg: 'text' } as Style,
  hint: { fg: 'muted', dim: true } as Style,
};

export class SessionHeader implements Widget {
  constructor(public info: SessionInfo) {}

  private rows(): [string, string, string?][] {
    const i = this.info;
    return [
      ['model', `${i.model}${i.reasoningEffort ? ` ${i.reasoningEffort}` : ''}`, '/model to change'],
      ['directory', i.cwd],
      ['provider', i.provider],
      ['sandbox', i.sandbox],
      ['approval', i.approval],
    ];
  }

  measure(width: number): number {
    return width < 8 ? 0 : this.rows().length + 5;
  }

  render(surface: Surface, area: Rect): void {
    if (area.width < 8) return;
    const rows = this.rows();
    const content = Math.max(
      `>_ OpenAI Codex (v${this.info.version})`.length,
      ...rows.map(([k, v, h]) => 11 + v.length + (h ? 3 + h.length : 0)),
    );
    const w = Math.min(area.width, content + 4);
    const inner = w - 4;
    const { x } = area;
    let y = area.y;
    surface.writeText(x, y++, `╭${'─'.repeat(w - 2)}╮`, S.border);
    const line = (draw: () => void): void => {
      surface.writeText(x, y, '│', S.border);
      surface.writeText(x + w - 1, y, '│', S.border);
      draw();
      y++;
    };
    line(() => surface.writeText(x + 2, y, truncate(`>_ OpenAI Codex (v${this.info.version})`, inner), S.title));
    line(() => undefined);
    for (const [k, v, hint] of rows) {
      line(() => {
        surface.writeText(x + 2, y, `${k}:`.padEnd(11), S.label, inner);
        const used = surface.writeText(x + 13, y, truncate(v, inner - 11), S.value, inner - 11);
        if (hint && inner - 11 - used > hint.length + 3) surface.writeText(x + 13 + used + 3, y, hint, S.hint);
      });
    }
    surface.writeText(x, y++, `╰${'─'.repeat(w - 2)}╯`, S.border);
  }
}
