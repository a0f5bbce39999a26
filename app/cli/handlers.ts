// Where each command of the table runs: a lazy import per handler module, so
// each front end stays off the start path of the others. Kept apart from the
// table so that a handler which reads the table (completion) is no cycle.
import type { CommandHandler } from '../command-context.js';
import type { HandlerName } from './spec.js';

export const HANDLERS: Readonly<Record<HandlerName, () => Promise<{ main: CommandHandler }>>> = {
  tui: () => import('../tui/main.js'),
  exec: () => import('../exec/main.js'),
  login: () => import('./login.js'),
  mcp: () => import('./mcp/main.js'),
  proxy: () => import('../proxy/main.js'),
  debug: () => import('./debug.js'),
  completion: () => import('./completion/main.js'),
};
