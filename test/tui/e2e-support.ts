// Shared set-up of the pty end-to-end tests: one mock model server per test
// file, workspaces and pty apps that are cleaned up after the file, and the
// idle quit (Ctrl+C twice) every test ends with.
import { after, before } from 'node:test';
import { startMockModelServer, type LoggedRequest, type MockModelServer } from '../support/mock-model-server.js';
import { createWorkspace, type Workspace, type WorkspaceOptions } from '../support/cli.js';
import { spawnPty, type PtyApp, type PtyOptions } from '../support/pty.js';

export interface E2e {
  /** The file's mock model server (valid inside tests). */
  readonly mock: MockModelServer;
  /**
   * Starts the real CLI in a pty (in a new workspace unless one is given). A new
   * workspace is a trusted project unless `opts` says otherwise (`trust: undefined`
   * leaves it undecided, so the trust screen comes first). `term` adds to the
   * 100×30 terminal's options.
   */
  start(args?: string[], ws?: Workspace, opts?: WorkspaceOptions, term?: PtyOptions): { ws: Workspace; app: PtyApp };
}

export function e2eFixture(): E2e {
  let mock: MockModelServer | undefined;
  const cleanups: (() => void)[] = [];
  before(async () => {
    mock = await startMockModelServer([]);
  });
  after(async () => {
    for (const c of cleanups.reverse()) c();
    await mock?.close();
  });
  const running = (): MockModelServer => {
    if (!mock) throw new Error('e2e: the mock model server is not running (use it inside a test)');
    return mock;
  };
  return {
    get mock() {
      return running();
    },
    start(args = [], ws, opts, term) {
      const w = ws ?? createWorkspace(running().url, { trust: 'trusted', ...opts });
      const app = spawnPty(w, args, { cols: 100, rows: 30, ...term });
      cleanups.push(() => app.dispose());
      if (!ws) cleanups.push(() => w.cleanup());
      return { ws: w, app };
    },
  };
}

/** Ctrl+C twice on an idle session (during a turn Ctrl+C interrupts); resolves to the exit code. */
export async function quit(app: PtyApp): Promise<number> {
  await app.waitForNoText('Esc to interrupt');
  app.key('ctrl+c');
  await app.waitForText('ctrl + c again to quit');
  app.key('ctrl+c');
  return app.exited();
}

/** The row drawn in reverse video (the backtrack preview's selection), without its trailing spaces. */
export function selectedRow(app: PtyApp): string | undefined {
  const buf = app.term.buffer.active;
  for (let y = 0; y < app.term.rows; y++) {
    const line = buf.getLine(buf.viewportY + y);
    if (line?.getCell(0)?.isInverse()) return line.translateToString().trimEnd();
  }
  return undefined;
}

/** Types a slash command (the popup follows it) and runs it. */
export async function command(app: PtyApp, line: string): Promise<void> {
  app.type(line);
  await app.waitForText(`› ${line}`);
  app.key('enter');
}

/** Types a message, waits for the composer to show it, and submits it. */
export async function send(app: PtyApp, text: string): Promise<void> {
  app.type(text);
  await app.waitForText(`› ${text}`);
  app.key('enter');
}

type Item = { type?: string; role?: string; content?: { text?: string }[]; call_id?: string; output?: unknown };

function items(req: LoggedRequest): Item[] {
  return (req.body.input ?? []) as Item[];
}

/** The texts of the user messages of a request (environment context and instructions included). */
export function userTexts(req: LoggedRequest): string[] {
  return items(req).filter((i) => i.role === 'user').map((i) => i.content?.map((c) => c.text ?? '').join('') ?? '');
}

/** The texts of the assistant messages of a request. */
export function assistantTexts(req: LoggedRequest): string[] {
  return items(req).filter((i) => i.role === 'assistant').map((i) => i.content?.map((c) => c.text ?? '').join('') ?? '');
}

/** The output sent back for a tool call, as text. */
export function callOutput(req: LoggedRequest, callId: string): string | undefined {
  const it = items(req).find((i) => i.type === 'function_call_output' && i.call_id === callId);
  if (!it) return undefined;
  return typeof it.output === 'string' ? it.output : JSON.stringify(it.output);
}
