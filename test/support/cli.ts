// Runs the real CLI (dist/codex.js, build first) in a child process against a
// scripted model: a temp CODEX_HOME whose config.toml points a `mock` provider
// at the mock model server, and a temp git repository as the working directory.
//
//   const mock = await startMockModelServer([...]);
//   const ws = createWorkspace(mock.url);             // or { git: false, config: 'extra toml', trust: 'trusted' }
//   const r = await runCodex(ws, ['exec', 'hi']);     // { code, signal, stdout, stderr }
//   ws.cleanup(); await mock.close();
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODEX_JS = fileURLToPath(new URL('../../dist/codex.js', import.meta.url));
export const MOCK_KEY_ENV = 'CODEX_TEST_MOCK_KEY';

export interface Workspace {
  /** CODEX_HOME. */
  readonly home: string;
  /** The working directory (a git repository unless `git: false`). */
  readonly repo: string;
  /** Environment for the child: CODEX_HOME, the mock's API key, no OpenAI variables. */
  readonly env: Record<string, string>;
  /** Rewrites config.toml (the mock provider block is always included). */
  writeConfig(extra?: string): void;
  cleanup(): void;
}

export interface WorkspaceOptions {
  git?: boolean;
  /** Extra config.toml lines (top-level keys first, then tables). */
  config?: string;
  model?: string;
  wireApi?: 'responses' | 'chat';
  /** Records `[projects."<repo>"] trust_level` (as the TUI's trust screen would); absent: the folder is undecided. */
  trust?: 'trusted' | 'untrusted';
}

export function providerToml(url: string, wireApi: 'responses' | 'chat' = 'responses'): string {
  return [
    '[model_providers.mock]',
    'name = "Mock"',
    `base_url = ${JSON.stringify(url)}`,
    `wire_api = "${wireApi}"`,
    `env_key = "${MOCK_KEY_ENV}"`,
    'request_max_retries = 2',
    'stream_max_retries = 2',
    'stream_idle_timeout_ms = 3000',
  ].join('\n');
}

/**
 * The on-disk layout `git init` leaves (what codex looks for), without needing
 * the git program: .git/HEAD on an unborn main branch, empty refs and objects.
 */
export function initGitRepo(dir: string): void {
  for (const sub of ['refs/heads', 'refs/tags', 'objects']) mkdirSync(join(dir, '.git', sub), { recursive: true });
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(dir, '.git', 'config'), '[core]\n\trepositoryformatversion = 0\n\tbare = false\n');
}

export function createWorkspace(mockUrl: string, opts: WorkspaceOptions = {}): Workspace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'codex-e2e-')));
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  mkdirSync(home);
  mkdirSync(repo);
  if (opts.git !== false) initGitRepo(repo);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(OPENAI_|CODEX_|RUST_LOG)/.test(k)) env[k] = v;
  }
  Object.assign(env, { CODEX_HOME: home, HOME: root, [MOCK_KEY_ENV]: 'test-key', NO_COLOR: '1' });
  const writeConfig = (extra = opts.config ?? '') => {
    const [top, tables] = splitTopLevel(extra);
    writeFileSync(join(home, 'config.toml'), [
      `model = "${opts.model ?? 'gpt-5'}"`,
      'model_provider = "mock"',
      top,
      providerToml(mockUrl, opts.wireApi),
      tables,
      ...(opts.trust ? [`[projects.${JSON.stringify(repo)}]`, `trust_level = "${opts.trust}"`] : []),
      '',
    ].join('\n'));
  };
  writeConfig();
  return { home, repo, env, writeConfig, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Top-level `key = value` lines must precede the first [table]. */
function splitTopLevel(toml: string): [string, string] {
  const i = toml.search(/^\[/m);
  return i < 0 ? [toml, ''] : [toml.slice(0, i), toml.slice(i)];
}

export interface RunOptions {
  /** Written to stdin, which is then closed; absent: stdin is /dev/null. */
  stdin?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Kill the child after this long (default 30 s) and fail. */
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function spawnCodex(ws: Workspace, args: string[], opts: RunOptions = {}): ChildProcess {
  const env: Record<string, string> = { ...ws.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [CODEX_JS, ...args], {
    cwd: opts.cwd ?? ws.repo, env, stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
  return child;
}

export function collect(child: ChildProcess, timeoutMs = 30_000): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`codex did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function runCodex(ws: Workspace, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return collect(spawnCodex(ws, args, opts), opts.timeoutMs);
}
