// `notify` (reference §7.1): after each task, run the configured argv with the
// JSON payload as its last argument. Fire and forget: not awaited, stdio
// ignored, failures logged and never fatal.
import { spawn } from 'node:child_process';
import { logger } from '../log.js';

const log = logger('codex_core::user_notification');

export interface AgentTurnComplete {
  threadId: string;
  turnId: string;
  cwd: string;
  inputMessages: string[];
  lastAssistantMessage: string | null;
}

/** The payload with the original's kebab-case field names. */
export function notificationJson(n: AgentTurnComplete): string {
  return JSON.stringify({
    type: 'agent-turn-complete',
    'thread-id': n.threadId,
    'turn-id': n.turnId,
    cwd: n.cwd,
    'input-messages': n.inputMessages,
    'last-assistant-message': n.lastAssistantMessage,
  });
}

export function notify(argv: readonly string[] | undefined, n: AgentTurnComplete): void {
  if (!argv?.length) return;
  const [program, ...args] = argv as [string, ...string[]];
  try {
    const child = spawn(program, [...args, notificationJson(n)], { stdio: 'ignore', detached: true });
    child.on('error', (err) => log.warn(`notify program ${program} failed to start: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (code !== 0) log.warn(`notify program ${program} exited with ${signal ?? code}`);
    });
    child.unref();
  } catch (err) {
    log.warn(`notify program ${program} failed to start:`, err);
  }
}
