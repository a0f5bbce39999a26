// A TuiApp over a fake session for snapshot and property tests, built by the
// same composition root as the real TUI (createTui): ops are recorded, events
// are emitted by the test, the clock is manual. The config is loaded for real
// from an empty CODEX_HOME, then given a fixed working root so rendered paths
// are stable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config/index.js';
import type { Config } from '../../app/config/types.js';
import type { Event, EventMsg } from '../../app/protocol/events.js';
import type { Op } from '../../app/protocol/ops.js';
import type { AgentSession } from '../../app/tui/app-host.js';
import type { TuiApp } from '../../app/tui/app.js';
import { createTui } from '../../app/tui/create-tui.js';
import type { Searcher } from '../../app/files/search-manager.js';
import { loadMarkdownParser } from '../../widgets/markdown/parser.js';

export class FakeSession implements AgentSession {
  readonly id = '00000000-0000-4000-8000-000000000001';
  readonly rolloutPath = '/dev/null';
  readonly ops: Op[] = [];
  private listeners: ((e: Event) => void)[] = [];
  private seq = 0;

  submit(op: Op): string {
    this.ops.push(op);
    return String(++this.seq);
  }

  subscribe(l: (e: Event) => void): () => void {
    this.listeners.push(l);
    return () => (this.listeners = this.listeners.filter((x) => x !== l));
  }

  emit(msg: EventMsg): void {
    for (const l of [...this.listeners]) l({ id: String(this.seq), msg });
  }
}

export interface Harness {
  app: TuiApp;
  session: FakeSession;
  clock: { now: number };
  exited: () => boolean;
  notifications: string[];
  /** What /copy sent to the clipboard, and the themes /theme drew with, in order. */
  clipboard: string[];
  themes: string[];
  cleanup(): void;
}

export const FIXED_CWD = '/home/user/project';

/** An `@` index with no files (the fixed working root does not exist here). */
const NO_FILES: Searcher = { ready: true, search: async () => [] };

/** The provider cannot list its models (no network in unit tests): /model offers the fallback list. */
const NO_MODELS = (): Promise<string[]> => Promise.reject(new Error('no provider in unit tests'));

export async function makeApp(
  tomlOverrides: string[] = [],
  extra: Partial<Config> = {},
  openIndex: () => Searcher = () => NO_FILES,
  listModels: () => Promise<string[]> = NO_MODELS,
): Promise<Harness> {
  // In the app the parser has loaded by the time an answer arrives (the user's message starts it).
  await loadMarkdownParser();
  const home = mkdtempSync(join(tmpdir(), 'codex-tui-'));
  process.env.HOME = '/home/user';
  const loaded = await loadConfig({ codexHome: home, cliOverrides: tomlOverrides, env: { HOME: '/home/user' } });
  const config: Config = { ...loaded, cwd: FIXED_CWD, ...extra };
  const session = new FakeSession();
  const clock = { now: 1_000_000 };
  let exited = false;
  const notifications: string[] = [];
  const clipboard: string[] = [];
  const themes: string[] = [];
  const { app, wired } = createTui({
    session,
    config,
    version: '0.1.0',
    host: {
      now: () => clock.now,
      requestFrame: () => undefined,
      exit: () => (exited = true),
      notify: (m) => notifications.push(m),
      historyEntry: () => undefined,
      redraw: () => undefined,
      copyToClipboard: (t) => clipboard.push(t),
      setTheme: (t) => themes.push(t),
    },
    startSession: async () => new FakeSession(),
    openIndex,
    listModels,
  });
  await wired;
  app.attach();
  return { app, session, clock, exited: () => exited, notifications, clipboard, themes, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** The session_configured event a fresh session sends. */
export function configured(model = 'gpt-5'): Extract<EventMsg, { type: 'session_configured' }> {
  return { type: 'session_configured', session_id: '00000000-0000-4000-8000-000000000001', model, history_log_id: 0, history_entry_count: 0, rollout_path: '/dev/null' };
}

/** Runs `fn` on a configured app and cleans up. */
export async function withApp(fn: (h: Harness) => void | Promise<void>, overrides: string[] = []): Promise<void> {
  const h = await makeApp(overrides);
  try {
    h.session.emit(configured());
    await fn(h);
  } finally {
    h.cleanup();
  }
}

/** A key pressed 50 ms after the last (well apart from a paste burst), with its text when it types one. */
export function key(h: Harness, k: string, text?: string): void {
  h.clock.now += 50;
  h.app.handleInput([{ type: 'key', key: k, ...(text ? { text } : {}) }]);
}

/** `s` typed a key at a time. */
export function type(h: Harness, s: string): void {
  for (const ch of s) key(h, ch === ' ' ? 'space' : ch, ch);
}

/** `line` put in the composer and submitted with Enter. */
export function run(h: Harness, line: string): void {
  h.app.composer.setText(line);
  key(h, 'enter');
}
