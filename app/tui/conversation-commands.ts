// /copy and /export: the conversation log (conversation-log.ts) leaves the TUI.
// /copy puts the last answer's Markdown on the clipboard through the terminal
// (OSC 52, see clipboard.ts). /export [FILE] writes the whole conversation as
// Markdown, by default to codex-<date>-<time>.md in the working directory; it
// never overwrites a file (the file is created exclusively) and says so.
import { unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import { shellSplit } from '../text/shell-split.js';
import type { TuiApp } from './app.js';
import { conversationMarkdown } from './conversation-log.js';

export function copyLastAnswer(app: TuiApp): void {
  const answer = app.conversation.lastAnswer();
  if (answer === undefined) {
    app.addCell(infoCell('/copy — there is no answer to copy yet'));
    return;
  }
  app.host.copyToClipboard(answer);
  app.addCell(infoCell(`Copied the last answer to the clipboard (${[...answer].length} characters of Markdown, sent to the terminal as OSC 52)`));
}

/** `codex-20250102-030405.md`: local date and time, so exports do not collide. */
export function defaultExportName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `codex-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.md`;
}

function exportPath(cwd: string, name: string): string {
  if (name === '~' || name.startsWith('~/')) return join(homedir(), name.slice(1));
  return isAbsolute(name) ? name : resolve(cwd, name);
}

export function exportConversation(app: TuiApp, args: string, now = new Date()): void {
  const words = shellSplit(args);
  if (!words.ok || words.words.length > 1) {
    app.addCell(errorCell(`/export: expected /export [FILE]${words.ok ? ' (quote a name with spaces)' : ` (${words.error})`}`));
    return;
  }
  const entries = app.conversation.all;
  if (!entries.length) {
    app.addCell(infoCell('/export — the conversation is empty; nothing written'));
    return;
  }
  const path = exportPath(app.config.cwd, words.words[0] ?? defaultExportName(now));
  const text = conversationMarkdown(entries, { sessionId: app.session.id, cwd: app.config.cwd, date: now });
  let created = false;
  try {
    writeFileSync(path, text, { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A half-written export (disk full) is removed rather than left behind.
    if (code !== 'EEXIST') {
      try {
        unlinkSync(path);
      } catch {
        // it was never created
      }
    }
    app.addCell(errorCell(code === 'EEXIST'
      ? `/export: ${path} already exists; it was not overwritten (name another file: /export FILE)`
      : `/export: cannot write ${path}: ${(e as Error).message}`));
  }
  if (created) app.addCell(infoCell(`Exported ${entries.length} messages to ${path}`));
}
