// The session header (reference §3.0): a rounded box with `>_ OpenAI Codex
// (vX)`, the model with its reasoning effort and `/model to change`, and the
// working directory (home shown as `~`); then, for a fresh session, the
// welcome hint with the first commands to try.
import { displayWidth, lineWidth, truncateLine } from '../../base/text.js';
import type { Line, Span } from '../../base/types.js';
import { wrapIndented } from '../../markdown/wrap.js';
import { HistoryCell } from '../cell.js';
import { TOKENS } from '../tokens.js';

export interface SessionHeaderInfo {
  version: string;
  model: string;
  reasoningEffort?: string;
  directory: string;
  /** The user's home, shown as `~` at the start of the directory. */
  home?: string;
  /** Show the "To get started…" hint under the box (new sessions). */
  hints?: boolean;
}

const HINTS: [string, string][] = [
  ['/init', 'create an AGENTS.md file with instructions for Codex'],
  ['/status', 'show current session configuration and token usage'],
  ['/approvals', 'choose what Codex can do without approval'],
  ['/model', 'choose what model and reasoning effort to use'],
];

export function tildePath(dir: string, home?: string): string {
  if (!home || home === '/') return dir;
  if (dir === home) return '~';
  return dir.startsWith(home.endsWith('/') ? home : home + '/') ? '~' + dir.slice(home.replace(/\/+$/, '').length) : dir;
}

export class SessionHeaderCell extends HistoryCell {
  readonly kind = 'header';
  constructor(readonly info: SessionHeaderInfo) {
    super();
  }

  protected build(width: number): Line[] {
    const i = this.info;
    const label = (t: string): Span => ({ text: t.padEnd(11), style: { fg: TOKENS.muted } });
    const model = i.reasoningEffort ? `${i.model} ${i.reasoningEffort}` : i.model;
    const content: Line[] = [
      [{ text: '>_ ', style: { fg: TOKENS.muted } }, { text: 'OpenAI Codex', style: { bold: true } }, { text: ` (v${i.version})`, style: { fg: TOKENS.muted } }],
      [],
      [label('model:'), { text: model }, { text: '   /model to change', style: { fg: TOKENS.accent } }],
      [label('directory:'), { text: tildePath(i.directory, i.home) }],
    ];
    const border = { fg: TOKENS.border };
    const inner = Math.min(Math.max(...content.map(lineWidth)), width - 4);
    const rows: Line[] = [];
    if (inner < 1) rows.push(...content.filter((l) => l.length).map((l) => truncateLine(l, width)));
    else {
      rows.push([{ text: `╭${'─'.repeat(inner + 2)}╮`, style: border }]);
      for (const l of content) {
        const cut = truncateLine(l, inner);
        rows.push([{ text: '│ ', style: border }, ...cut, { text: ' '.repeat(inner - lineWidth(cut)) + ' │', style: border }]);
      }
      rows.push([{ text: `╰${'─'.repeat(inner + 2)}╯`, style: border }]);
    }
    if (i.hints) {
      rows.push([]);
      rows.push(...wrapIndented([{ text: 'To get started, describe a task or try one of these commands:' }], width, [{ text: '  ' }]));
      rows.push([]);
      const cmdW = Math.max(...HINTS.map(([c]) => displayWidth(c)));
      for (const [cmd, desc] of HINTS) {
        const first: Line = [{ text: '  ' }, { text: cmd.padEnd(cmdW), style: { fg: TOKENS.accent } }, { text: ' - ', style: { fg: TOKENS.muted } }];
        rows.push(...wrapIndented([{ text: desc, style: { fg: TOKENS.muted } }], width, first));
      }
    }
    return rows;
  }
}
