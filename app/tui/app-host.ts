// What the TUI app gets from its shell and what it asks of the interactions
// wired around it: the session it drives, the host's I/O (clock, frames, exit,
// notifications) and the `AppEvent` messages create-tui.ts handles.
import type { Event, EventMsg } from '../protocol/events.js';
import type { Op } from '../protocol/ops.js';
import type { FramePace } from './renderer/renderer.js';
import type { SlashCommand } from './slash-commands.js';
import type { Draft } from '../../widgets/composer/composer.js';

/** What the controller needs from a session (app/agent/session.ts `Session`). */
export interface AgentSession {
  readonly id: string;
  readonly rolloutPath: string;
  submit(op: Op): string;
  subscribe(listener: (e: Event) => void): () => void;
}

export interface AppHost {
  now(): number;
  /** Schedule a frame (`background`: the agent's output, painted at most 40 times a second; default `input`). */
  requestFrame(pace?: FramePace): void;
  /** Leave the TUI (the shell restores the terminal and prints the summary; `farewell` first, when given). */
  exit(farewell?: string): void;
  /** A desktop notification (OSC 9); only called while the terminal is unfocused. */
  notify(message: string): void;
  /** Entry `offset` of history.jsonl if it is still the file `logId`. */
  historyEntry(logId: number, offset: number): string | undefined;
  /** Ctrl+L: repaint the whole screen. */
  redraw(): void;
  /** /copy: puts `text` on the clipboard through the terminal (OSC 52). */
  copyToClipboard(text: string): void;
  /** /theme: draws with this theme (a built-in name or a path) from now on; throws ThemeError when it cannot be loaded. */
  setTheme(nameOrPath: string): void;
}

export type ApprovalRequestMsg = Extract<EventMsg, { type: 'exec_approval_request' | 'apply_patch_approval_request' }>;

/** What the app asks of the interactions wired around it (create-tui.ts handles each, exhaustively). */
export type AppEvent =
  /** A submitted line naming a slash command. */
  | { type: 'slash_command'; command: SlashCommand; args: string }
  /** A submitted `/prompts:NAME args` line; `draft` (its text, images and pastes) goes back into the composer when it cannot be expanded. */
  | { type: 'custom_prompt'; name: string; args: string; draft: Draft }
  /** The agent asks to run a command or apply a patch. */
  | { type: 'approval_request'; request: ApprovalRequestMsg }
  /** A turn ended (completed, aborted or failed): pending approvals are dropped. */
  | { type: 'task_end' }
  /** Ctrl+T: the transcript pager. */
  | { type: 'open_transcript' }
  /** Esc–Esc with an empty composer and nothing running: the backtrack preview. */
  | { type: 'backtrack' };
