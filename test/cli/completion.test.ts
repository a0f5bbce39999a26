// Completion scripts are generated from the command table and run in the real
// shells: bash (sourced, its function called with COMP_WORDS/COMP_CWORD), zsh
// (syntax check + the function run with the completion builtins stubbed),
// fish (syntax check + its own completion engine via `complete -C`) and elvish
// (loaded by an interactive elvish on a pty, its arg completer called).
// PowerShell (pwsh) is not packaged for Debian and cannot be installed on this
// machine, so its script is only checked structurally.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { COMPLETION_SHELLS, ROOT } from '../../app/cli/commands.js';
import { completionScript, type CompletionShell } from '../../app/cli/completion/main.js';
import { completionModel } from '../../app/cli/completion/model.js';
import { missingTool } from '../support/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-compl-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const scripts = Object.fromEntries(COMPLETION_SHELLS.map((s) => {
  const file = join(dir, `codex.${s}`);
  writeFileSync(file, completionScript(s));
  return [s, file];
})) as Record<CompletionShell, string>;

function shell(cmd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { input, env, encoding: 'utf8', cwd: dir, timeout: 20_000 });
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
  assert.deepEqual(bash('codex -m o3 -c x=1 e r'), ['resume', 'review'], 'flag values are skipped, aliases resolved');
  assert.deepEqual(bash('codex exec resume --l'), ['--last']);
  assert.deepEqual(bash('codex mcp '), ['list', 'get', 'add', 'remove']);
  assert.deepEqual(bash('codex mcp add --'), ['--config', '--env', '--url', '--bearer-token-env-var', '--help']);
  assert.deepEqual(bash('codex completion '), ['bash', 'zsh', 'fish', 'elvish', 'powershell']);
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

test('zsh: the script passes zsh -n and completes through the stubbed builtins', { skip: missingTool('zsh') }, () => {
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
  assert.deepEqual(run('codex', 'completion', ''), ['bash', 'zsh', 'fish', 'elvish', 'powershell']);
  assert.ok(run('codex', '-m', 'o3', 'mcp', '').includes('add:Add a global MCP server entry to config.toml'));
  assert.deepEqual(run('codex', 'debug', 'landlock', ''), ['_command_names']);
  assert.ok(run('codex', 'e', 'resume', '-').includes('--last:Continue the most recent session without showing the picker'));
});

test('fish: the script passes fish -n and completes with fish itself', { skip: missingTool('fish') }, () => {
  shell('fish', ['-n', scripts.fish]);
  const complete = (line: string) => shell('fish', ['--no-config', '-c', `source '${scripts.fish}'; complete -C '${line}'`]).split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
  assert.deepEqual(complete('codex ex'), ['exec']);
  assert.deepEqual(complete('codex exec -s ').sort(), ['danger-full-access', 'read-only', 'workspace-write']);
  assert.deepEqual(complete('codex e resume --l'), ['--last']);
  assert.deepEqual(complete('codex completion ').sort(), ['bash', 'elvish', 'fish', 'powershell', 'zsh']);
  assert.deepEqual(complete('codex -c a=1 mcp ').sort(), ['add', 'get', 'list', 'remove']);
  assert.deepEqual(complete('codex mcp add --b'), ['--bearer-token-env-var']);
  assert.deepEqual(complete('codex exec hello '), []);
});

const elvq = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * What elvish offers for the last word of each line (split on spaces; a trailing
 * space means an empty word). Elvish's editor, and so its `edit:` module, only
 * exists in an interactive shell: elvish runs on a pty (script(1)) with an rc
 * file that is the completion script plus calls of the arg completer, keeping
 * the candidates that start with the last word (as Elvish's matcher does).
 */
function elvish(lines: string[]): string[][] {
  const home = join(dir, 'elvish-home');
  mkdirSync(join(home, 'tmp'), { recursive: true });
  const rc = join(home, 'rc.elv');
  writeFileSync(rc, `${completionScript('elvish')}
var query = {|@words|
    var out = [($edit:completion:arg-completer[codex] $@words | each {|c|
        var stem = (if (==s (kind-of $c) string) { put $c } else { put $c[stem] })
        if (str:has-prefix $stem $words[-1]) { put $stem }
    })]
    echo 'RESULT '(put $out | to-json)
}
${lines.map((l) => `$query ${l.split(' ').map(elvq).join(' ')}`).join('\n')}
exit
`);
  // HOME, TMPDIR (the storage daemon's socket) and XDG_STATE_HOME (its database) stay in the test dir.
  const env = { ...process.env, HOME: home, TMPDIR: join(home, 'tmp'), XDG_STATE_HOME: home, XDG_CONFIG_HOME: home };
  const out = shell('script', ['-qec', `elvish -rc '${rc}'`, '/dev/null'], undefined, env);
  const results = out.split(/\r?\n/).filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)) as string[]);
  assert.equal(results.length, lines.length, `elvish stopped early:\n${out}`);
  return results;
}

test('elvish: the script loads in interactive elvish and its arg completer answers', { skip: missingTool('elvish', 'script') }, () => {
  mkdirSync(join(dir, 'subdir-x'), { recursive: true });
  writeFileSync(join(dir, 'pic-x.png'), '');
  const cases: [string, string[]][] = [
    ['codex ', ['exec', 'e', 'login', 'logout', 'mcp', 'mcp-server', 'proxy', 'resume', 'debug', 'completion']],
    ['codex ex', ['exec']],
    ['codex lo', ['login', 'logout']],
    ['codex exec --sandbox ', ['read-only', 'workspace-write', 'danger-full-access']],
    ['codex exec -s w', ['workspace-write']],
    ['codex -a ', ['untrusted', 'on-failure', 'on-request', 'never']],
    ['codex e --color ', ['always', 'never', 'auto']],
    ['codex mcp ', ['list', 'get', 'add', 'remove']],
    ['codex -c a=1 mcp ', ['list', 'get', 'add', 'remove']],
    ['codex -m mcp ', ['exec', 'e', 'login', 'logout', 'mcp', 'mcp-server', 'proxy', 'resume', 'debug', 'completion']],
    ['codex -m o3 -c x=1 e r', ['resume', 'review']],
    ['codex exec --s', ['--sandbox', '--skip-git-repo-check']],
    ['codex e resume --l', ['--last']],
    ['codex mcp add --', ['--config', '--env', '--url', '--bearer-token-env-var', '--help']],
    ['codex completion ', ['bash', 'zsh', 'fish', 'elvish', 'powershell']],
    ['codex debug ', ['landlock', 'seatbelt']],
    ['codex exec hello ', []],
    ['codex -C sub', ['subdir-x/']],
    ['codex -i pic', ['pic-x.png']],
    ['codex mcp add docs bas', []],
  ];
  const commands = ['codex debug landlock bas', 'codex mcp add docs -- bas'];
  const got = elvish([...cases.map(([line]) => line), ...commands]);
  cases.forEach(([line, want], i) => assert.deepEqual(got[i], want, line));
  commands.forEach((line, i) => assert.ok(got[cases.length + i]!.includes('bash'), line));
});

test('powershell: a native completer with every subcommand, flag and value choice', () => {
  // pwsh is not available here (not packaged for Debian), so the script is checked as text.
  const ps = completionScript('powershell');
  assert.match(ps, /\nRegister-ArgumentCompleter -Native -CommandName 'codex' -ScriptBlock \{\n    param\(\$wordToComplete, \$commandAst, \$cursorPosition\)\n/);
  const m = completionModel(ROOT);
  for (const n of m.nodes) {
    assert.ok(ps.includes(`\n            '${n.path}' {\n`), `flags case for '${n.path}'`);
    for (const f of n.flags) for (const name of f.names) assert.ok(ps.includes(`New-Candidate '${name}' 'ParameterName'`), name);
    for (const s of n.subcommands) assert.ok(ps.includes(`New-Candidate '${s.name}' 'ParameterValue'`), s.name);
  }
  for (const [key, target] of m.subwords) {
    const [parent, word] = key.split('\t');
    assert.ok(ps.includes(`'${parent}/${word}' { '${parent ? `${parent} ` : ''}${target}' }`), key);
  }
  assert.ok(ps.includes(`$valueFlags = @(${[...m.values.keys()].map((k) => `'${k}'`).join(', ')})`));
  assert.match(ps, /\n {8}(if|elseif) \(\$pending -cin @\('-s', '--sandbox'\)\) \{ foreach \(\$c in @\('read-only', 'workspace-write', 'danger-full-access'\)\) \{ New-Candidate \$c 'ParameterValue' \$c \} \}\n/);
  assert.match(ps, /\('-C', '--cd', '--add-dir'\)\) \{ \[System\.Management\.Automation\.CompletionCompleters\]::CompleteFilename\(\$wordToComplete\) \| Where-Object \{ \$_\.ResultType -eq 'ProviderContainer' \}/);
  assert.ok(ps.includes("'debug landlock' {\n            if ($npos -eq 0) { [System.Management.Automation.CompletionCompleters]::CompleteCommand($wordToComplete) }"));
  // Brackets balance outside '…' strings and # comments.
  const code = ps.replace(/'(?:[^']|'')*'/g, "''").replace(/#.*$/gm, '');
  for (const [open, close] of [['{', '}'], ['(', ')'], ['[', ']']] as const) {
    assert.equal(code.split(open).length, code.split(close).length, `${open}${close} balance`);
  }
});

test('the scripts start the way the shells expect', () => {
  assert.match(completionScript('zsh'), /^#compdef codex\n/);
  assert.match(completionScript('bash'), /\ncomplete -F _codex -o bashdefault -o default codex\n$/);
  assert.match(completionScript('fish'), /\ncomplete -c codex -f\n/);
  assert.match(completionScript('elvish'), /\n {4}set edit:completion:arg-completer\['codex'\] = \{\|@words\|\n/);
  assert.match(completionScript('powershell'), /^# PowerShell completion for codex/);
});
