// The real bundle (dist/codex.js, built by `npm test` first) in a real process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { completionScript } from '../../app/cli/completion/main.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'dist', 'codex.js');
const home = mkdtempSync(join(tmpdir(), 'codex-e2e-'));
after(() => rmSync(home, { recursive: true, force: true }));

function codex(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, CODEX_HOME: home, ...opts.env };
  delete env.OPENAI_API_KEY;
  const r = spawnSync(process.execPath, [bin, ...args], { input: opts.input ?? '', env, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--version prints codex-cli and the package version', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(codex(['--version']), { code: 0, stdout: `codex-cli ${version}\n`, stderr: '' });
  assert.equal(codex(['-V']).stdout, `codex-cli ${version}\n`);
});

test('--help for the root and a subcommand', () => {
  const root = codex(['--help']);
  assert.equal(root.code, 0);
  assert.match(root.stdout, /^Codex CLI\n/);
  assert.match(root.stdout, /Usage: codex \[OPTIONS\] \[PROMPT\]/);
  const add = codex(['mcp', 'add', '--help']);
  assert.match(add.stdout, /Usage: codex mcp add \[OPTIONS\] <NAME> \[-- <COMMAND>\.\.\.\]/);
});

test('argument errors exit 2 with the message and usage on stderr', () => {
  const r = codex(['--yolo', '-a', 'never']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^error: the argument '--dangerously-bypass-approvals-and-sandbox' cannot be used with '--ask-for-approval <APPROVAL_POLICY>'\n\nUsage: codex \[OPTIONS\]/);
  const s = codex(['exec', '-s', 'nope', 'hi']);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /invalid value 'nope' for '--sandbox <SANDBOX_MODE>'/);
  assert.match(s.stderr, /Usage: codex exec \[OPTIONS\] \[PROMPT\]/);
});

test('login, login status, logout against a real CODEX_HOME', () => {
  assert.deepEqual(codex(['login', 'status']), { code: 1, stdout: '', stderr: 'Not logged in\n' });
  assert.deepEqual(codex(['login', '--api-key', 'sk-proj-abcdefghijklmnoABCDE']), { code: 0, stdout: '', stderr: 'Successfully logged in\n' });
  assert.equal(statSync(join(home, 'auth.json')).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')), { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-abcdefghijklmnoABCDE' });
  assert.deepEqual(codex(['login', 'status']), { code: 0, stdout: '', stderr: 'Logged in using an API key - sk-proj-***ABCDE\n' });
  const piped = codex(['login', '--with-api-key'], { input: 'sk-test-123456789bcdef\n' });
  assert.deepEqual(piped, { code: 0, stdout: '', stderr: 'Reading API key from stdin...\nAPI key saved. Authentication is checked when you send a request.\n' });
  assert.deepEqual(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')), { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-test-123456789bcdef' });
  assert.equal(codex(['login', '--with-api-key'], { input: '  \n' }).stderr, 'Reading API key from stdin...\nNo API key provided via stdin.\n');
  assert.deepEqual(codex(['logout']), { code: 0, stdout: '', stderr: 'Successfully logged out\n' });
  assert.deepEqual(codex(['logout']), { code: 0, stdout: '', stderr: 'Not logged in\n' });
});

test('$CODEX_HOME/.env is loaded at start-up', () => {
  writeFileSync(join(home, '.env'), 'OPENAI_API_KEY=sk-from-dotenv-12345\n');
  try {
    assert.deepEqual(codex(['login', 'status']), {
      code: 0, stdout: '', stderr: 'Logged in using an API key - sk-from-***12345\n   API loaded from OPENAI_API_KEY environment variable or .env file\n',
    });
  } finally {
    rmSync(join(home, '.env'));
  }
});

test('a CODEX_HOME that does not exist is a clear error', () => {
  const r = codex(['login', 'status'], { env: { CODEX_HOME: join(home, 'missing') } });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `Error: CODEX_HOME points to ${JSON.stringify(join(home, 'missing'))}, but that path does not exist\n`);
});

test('completion scripts come out of the real binary', () => {
  assert.equal(codex(['completion']).stdout, completionScript('bash'));
  assert.equal(codex(['completion', 'zsh']).stdout, completionScript('zsh'));
  assert.equal(codex(['completion', 'fish']).stdout, completionScript('fish'));
});

// `codex mcp list` is the lightest real handler that loads the configuration.
test('config flows through the real dispatcher: root and sub -c, warnings, -C and syntax errors', () => {
  writeFileSync(join(home, 'config.toml'), 'modle = "x"\n');
  try {
    const ok = codex(['-c', 'bogus=1', 'mcp', 'list', '-c', 'x.y=2']);
    assert.equal(ok.code, 0);
    assert.equal(ok.stderr, [
      `warning: ${join(home, 'config.toml')}:1:1: unknown key \`modle\` (ignored)`,
      'warning: -c bogus=1: unknown key `bogus` (ignored)',
      'warning: -c x.y=2: unknown key `x` (ignored)',
      '',
    ].join('\n'));
    assert.deepEqual(codex(['-C', join(home, 'missing'), 'mcp', 'list']), { code: 1, stdout: '', stderr: `Error: -C/--cd: directory ${JSON.stringify(join(home, 'missing'))} does not exist\n` });
    writeFileSync(join(home, 'config.toml'), 'model = "o3"\nsandbox_mode = [\n');
    const bad = codex(['mcp', 'list']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`^Error: ${join(home, 'config.toml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: TOML syntax error: invalid value\n`));
  } finally {
    rmSync(join(home, 'config.toml'), { force: true });
  }
});
