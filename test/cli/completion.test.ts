// Completion scripts are generated from the command table and run in the real
// shells: bash (sourced, its function called with COMP_WORDS/COMP_CWORD), zsh
// (syntax check + the function run with the completion builtins stubbed) and
// fish (syntax check + its own completion engine via `complete -C`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { completionScript } from '../../app/cli/completion/main.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-compl-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const scripts = Object.fromEntries((['bash', 'zsh', 'fish'] as const).map((s) => {
  const file = join(dir, `codex.${s}`);
  writeFileSync(file, completionScript(s));
  return [s, file];
})) as Record<'bash' | 'zsh' | 'fish', string>;

function shell(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', cwd: dir, timeout: 20_000 });
  assert.equal(r.status, 0, `${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

/** What bash offers for the last word of `line` (split on spaces; a trailing space means an empty word). */
function bash(line: string): string[] {
  const words = line.split(' ');
  const arr = words.map((w) => `'${w}'`).join(' ');
  const out = shell('bash', ['--norc', '--noprofile', '-c', `source '${scripts.bash}'; COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _codex; printf '%s\\n' "\${COMPREPLY[@]}"`]);
  return out.split('\n').filter(Boolean);
}

test('bash: subcommands, flags per subcommand, flag values, aliases, nesting', () => {
  assert.deepEqual(bash('codex '), ['exec', 'e', 'login', 'logout', 'mcp', 'mcp-server', 'proxy', 'resume', 'debug', 'completion']);
  assert.deepEqual(bash('codex lo'), ['login', 'logout']);
  assert.deepEqual(bash('codex --a'), ['--ask-for-approval']);
  assert.deepEqual(bash('codex exec --s'), ['--sandbox', '--skip-git-repo-check']);
  assert.deepEqual(bash('codex exec --exp'), ['--experimental-json']);
  assert.deepEqual(bash('codex exec -s w'), ['workspace-write']);
  assert.deepEqual(bash('codex -a '), ['untrusted', 'on-failure', 'on-request', 'never']);
  assert.deepEqual(bash('codex e --color '), ['always', 'never', 'auto']);
  assert.deepEqual(bash('codex -m o3 -c x=1 e r'), ['resume'], 'flag values are skipped, aliases resolved');
  assert.deepEqual(bash('codex exec resume --l'), ['--last']);
  assert.deepEqual(bash('codex mcp '), ['list', 'get', 'add', 'remove']);
  assert.deepEqual(bash('codex mcp add --'), ['--config', '--env', '--url', '--bearer-token-env-var', '--help']);
  assert.deepEqual(bash('codex completion '), ['bash', 'zsh', 'fish']);
  assert.deepEqual(bash('codex debug '), ['landlock', 'seatbelt']);
  assert.deepEqual(bash('codex exec hello '), [], 'no subcommands after a positional');
  assert.deepEqual(bash('codex proxy --'), ['--config', '--bind', '--allow-cors-any', '--help']);
  assert.deepEqual(bash('codex login --'), ['--config', '--api-key', '--with-api-key', '--help']);
});

test('bash: directories for -C, files for -i, programs for debug COMMAND', () => {
  mkdirSync(join(dir, 'subdir-x'), { recursive: true });
  writeFileSync(join(dir, 'pic-x.png'), '');
  assert.deepEqual(bash('codex -C sub'), ['subdir-x']);
  assert.deepEqual(bash('codex -i pic'), ['pic-x.png']);
  assert.ok(bash('codex debug landlock bas').includes('bash'));
  assert.ok(bash('codex mcp add docs -- bas').includes('bash'));
});

test('zsh: the script passes zsh -n and completes through the stubbed builtins', () => {
  shell('zsh', ['-n', scripts.zsh]);
  const run = (...words: string[]) => shell('zsh', ['-f', '-c', `
    _describe() { local arr=$argv[-1]; print -rl -- \${(P)arr} }
    compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@" }
    _files() { print _files }; _directories() { print _directories }; _command_names() { print _command_names }
    compdef() { : }
    source '${scripts.zsh}'
    words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}
    _codex`]).split('\n').filter(Boolean);
  assert.ok(run('codex', '').includes('exec:Run Codex non-interactively'));
  assert.ok(run('codex', 'exec', '--').includes('--skip-git-repo-check:Allow running Codex outside a Git repository'));
  assert.deepEqual(run('codex', 'exec', '-s', ''), ['read-only', 'workspace-write', 'danger-full-access']);
  assert.deepEqual(run('codex', '-C', ''), ['_directories']);
  assert.deepEqual(run('codex', 'completion', ''), ['bash', 'zsh', 'fish']);
  assert.ok(run('codex', '-m', 'o3', 'mcp', '').includes('add:Add a global MCP server entry to config.toml'));
  assert.deepEqual(run('codex', 'debug', 'landlock', ''), ['_command_names']);
  assert.ok(run('codex', 'e', 'resume', '-').includes('--last:Continue the most recent session without showing the picker'));
});

test('fish: the script passes fish -n and completes with fish itself', () => {
  shell('fish', ['-n', scripts.fish]);
  const complete = (line: string) => shell('fish', ['--no-config', '-c', `source '${scripts.fish}'; complete -C '${line}'`]).split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
  assert.deepEqual(complete('codex ex'), ['exec']);
  assert.deepEqual(complete('codex exec -s ').sort(), ['danger-full-access', 'read-only', 'workspace-write']);
  assert.deepEqual(complete('codex e resume --l'), ['--last']);
  assert.deepEqual(complete('codex completion ').sort(), ['bash', 'fish', 'zsh']);
  assert.deepEqual(complete('codex -c a=1 mcp ').sort(), ['add', 'get', 'list', 'remove']);
  assert.deepEqual(complete('codex mcp add --b'), ['--bearer-token-env-var']);
  assert.deepEqual(complete('codex exec hello '), []);
});

test('the scripts start the way the shells expect', () => {
  assert.match(completionScript('zsh'), /^#compdef codex\n/);
  assert.match(completionScript('bash'), /\ncomplete -F _codex -o bashdefault -o default codex\n$/);
  assert.match(completionScript('fish'), /\ncomplete -c codex -f\n/);
});
