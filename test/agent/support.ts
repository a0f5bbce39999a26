// Session tests: a real Session (startSession) over a real config in a temp
// CODEX_HOME, talking to the scripted mock model on 127.0.0.1.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config/index.js';
import type { Config } from '../../app/config/types.js';
import { startSession, type Session, type SessionOptions } from '../../app/agent/session.js';
import type { Event, EventMsg } from '../../app/protocol/events.js';
import { initGitRepo, MOCK_KEY_ENV, providerToml } from '../support/cli.js';
import type { MockModelServer, MockTurn } from '../support/mock-model-server.js';
import { withMock } from '../exec/support.js';

export interface Harness {
  readonly root: string;
  readonly home: string;
  readonly repo: string;
  readonly config: Config;
  readonly session: Session;
  readonly events: Event[];
  /** Resolves with the first event (from `from` on) matching; rejects after 15 s. */
  next<T extends EventMsg['type']>(type: T, from?: number): Promise<Extract<EventMsg, { type: T }>>;
  close(): Promise<void>;
}

export async function harness(mockUrl: string, toml = '', opts: SessionOptions & { home?: string; repo?: string } = {}): Promise<Harness> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-session-')));
  const home = opts.home ?? join(root, 'home');
  const repo = opts.repo ?? join(root, 'repo');
  mkdirSync(home, { recursive: true });
  mkdirSync(repo, { recursive: true });
  initGitRepo(repo);
  const i = toml.search(/^\[/m);
  const [top, tables] = i < 0 ? [toml, ''] : [toml.slice(0, i), toml.slice(i)];
  const model = /^model\s*=/m.test(top) ? '' : 'model = "gpt-5"\n'; // gpt-5 unless the test names one
  writeFileSync(join(home, 'config.toml'), `${model}model_provider = "mock"\n${top}\n${providerToml(mockUrl)}\n${tables}\n`);
  process.env[MOCK_KEY_ENV] = 'test-key';
  const config = await loadConfig({ codexHome: home, overrides: { cwd: repo } });
  const session = await startSession(config, opts);
  const events: Event[] = [];
  const waiters: (() => void)[] = [];
  session.subscribe((e) => {
    events.push(e);
    for (const w of waiters.splice(0)) w();
  });
  const next = <T extends EventMsg['type']>(type: T, from = 0) => new Promise<Extract<EventMsg, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event; saw ${events.map((e) => e.msg.type).join(', ')}`)), 15_000);
    const check = () => {
      const hit = events.slice(from).find((e) => e.msg.type === type);
      if (hit) {
        clearTimeout(timer);
        resolve(hit.msg as Extract<EventMsg, { type: T }>);
      } else waiters.push(check);
    };
    check();
  });
  return {
    root, home, repo, config, session, events, next,
    async close() {
      session.submit({ type: 'shutdown' });
      await next('shutdown_complete');
      if (!opts.home) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A mock model with `turns` and a session over it (config.toml lines in `toml`), both closed afterwards. */
export function withSession(
  turns: MockTurn[],
  a: string | ((h: Harness, mock: MockModelServer) => Promise<void>),
  b?: (h: Harness, mock: MockModelServer) => Promise<void>,
): Promise<void> {
  const [toml, body] = typeof a === 'string' ? [a, b!] : ['', a];
  return withMock(turns, async (mock) => {
    const h = await harness(mock.url, toml);
    try {
      await body(h, mock);
    } finally {
      await h.close();
    }
  });
}

export const text = (t: string) => ({ type: 'user_input' as const, items: [{ type: 'text' as const, text: t }] });
