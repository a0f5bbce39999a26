import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT, YOLO } from '../../app/cli/commands.js';
import type { ParsedCommand } from '../../app/command-context.js';
import { acceptedFlags, parseArgv, UsageError } from '../../app/cli/parse.js';
import type { CommandSpec } from '../../app/cli/spec.js';

function run(...argv: string[]): ParsedCommand {
  const r = parseArgv(argv, ROOT);
  assert.equal(r.kind, 'run', `expected a command for ${argv.join(' ')}`);
  return (r as Extract<typeof r, { kind: 'run' }>).cmd;
}

function usageError(argv: string[], message: string | RegExp): void {
  assert.throws(() => parseArgv(argv, ROOT), (e: unknown) => {
    assert.ok(e instanceof UsageError, String(e));
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('no subcommand is the TUI with an optional prompt', () => {
  assert.deepEqual(run(), { path: [], flags: {}, positionals: [], rest: [] });
  assert.deepEqual(run('fix the bug').positionals, ['fix the bug']);
  assert.deepEqual(run('--', '--not-a-flag').positionals, ['--not-a-flag']);
  usageError(['one', 'two'], "unexpected argument 'two' found");
});

test("a native subcommand we do not have is a usage error naming it, not a prompt; after -- it is a prompt", () => {
  usageError(['apply', 'task_123'], "'apply' is a command of the native Codex CLI that this implementation does not have (applies the latest diff of a Codex Cloud task with git apply). To send 'apply' as a prompt, write: codex -- apply");
  usageError(['-m', 'o3', 'a'], /^'a' is a command of the native Codex CLI .*\(applies the latest diff/);
  usageError(['sandbox', 'linux'], /\(runs a command in the sandbox\); use codex debug landlock -- CMD \(Linux\)/);
  for (const word of ['cloud', 'review', 'app-server', 'features', 'update']) usageError([word], new RegExp(`^'${word}' is a command of the native Codex CLI`));
  assert.deepEqual(run('--', 'apply').positionals, ['apply']);
  assert.deepEqual(run('apply the patch').positionals, ['apply the patch']);
  // Only the first word of the root command: a prompt after `resume SESSION` is a prompt.
  assert.deepEqual(run('resume', 'abc', 'apply').positionals, ['abc', 'apply']);
});

test('global flags, short and long, with every value form', () => {
  const c = run('-m', 'o3', '--profile', 'fast', '-s', 'workspace-write', '--ask-for-approval=on-failure', '-C', '/tmp', '--oss', '--search', 'hi');
  assert.deepEqual(c.flags, { model: 'o3', profile: 'fast', sandbox: 'workspace-write', 'ask-for-approval': 'on-failure', cd: '/tmp', oss: true, search: true });
  assert.deepEqual(c.positionals, ['hi']);
  assert.equal(run('-mo3').flags.model, 'o3');
  assert.equal(run('-m=o3').flags.model, 'o3');
  assert.equal(run('--model=a=b').flags.model, 'a=b');
  assert.equal(run('-p', 'x').flags.profile, 'x');
  assert.equal(run('-a', 'untrusted').flags['ask-for-approval'], 'untrusted');
  assert.equal(run('--full-auto').flags['full-auto'], true);
  assert.equal(run('--cd', 'd').flags.cd, 'd');
  assert.equal(run('--sandbox', 'danger-full-access').flags.sandbox, 'danger-full-access');
});

test('-c is repeatable and keeps order; -i is repeatable and comma-delimited', () => {
  assert.deepEqual(run('-c', 'model=o3', '--config', 'a.b=1', '-cx=2').flags.config, ['model=o3', 'a.b=1', 'x=2']);
  assert.deepEqual(run('-i', 'a.png,b.png', '--image', 'c.png').flags.image, ['a.png', 'b.png', 'c.png']);
});

test('--yolo is an alias of --dangerously-bypass-approvals-and-sandbox', () => {
  assert.equal(run('--yolo').flags[YOLO], true);
  assert.equal(run(`--${YOLO}`).flags[YOLO], true);
});

test('conflicts are errors naming both flags', () => {
  usageError(['--yolo', '-a', 'never'], `the argument '--${YOLO}' cannot be used with '--ask-for-approval <APPROVAL_POLICY>'`);
  usageError(['--full-auto', '--yolo'], `the argument '--${YOLO}' cannot be used with '--full-auto'`);
  usageError(['exec', '--yolo', '--full-auto', 'x'], `the argument '--${YOLO}' cannot be used with '--full-auto'`);
  usageError(['--yolo', 'exec', '--full-auto'], /cannot be used with '--full-auto'/);
  usageError(['login', '--api-key', 'k', '--with-api-key'], "the argument '--api-key <API_KEY>' cannot be used with '--with-api-key'");
});

test('bad values name the flag and what was expected', () => {
  usageError(['-s', 'full'], "invalid value 'full' for '--sandbox <SANDBOX_MODE>'\n  [possible values: read-only, workspace-write, danger-full-access]");
  usageError(['-a', 'always'], "invalid value 'always' for '--ask-for-approval <APPROVAL_POLICY>'\n  [possible values: untrusted, on-failure, on-request, never]");
  usageError(['exec', '--color', 'blue'], /invalid value 'blue' for '--color <COLOR>'\n {2}\[possible values: always, never, auto\]/);
  usageError(['-m'], "a value is required for '--model <MODEL>' but none was supplied");
  usageError(['-m', '--oss'], "a value is required for '--model <MODEL>' but none was supplied");
  usageError(['--bogus'], "unexpected argument '--bogus' found");
  usageError(['-x'], "unexpected argument '-x' found");
  usageError(['-m', 'a', '--model', 'b'], "the argument '--model <MODEL>' cannot be used multiple times");
  usageError(['--oss=yes'], "unexpected value 'yes' for '--oss' found; no more were expected");
});

test('--version and --help', () => {
  assert.deepEqual(parseArgv(['--version'], ROOT), { kind: 'version' });
  assert.deepEqual(parseArgv(['-m', 'x', '-V'], ROOT), { kind: 'version' });
  const h = parseArgv(['exec', '--help'], ROOT);
  assert.equal(h.kind, 'help');
  assert.deepEqual((h as { chain: readonly CommandSpec[] }).chain.map((c) => c.name), ['codex', 'exec']);
  assert.deepEqual((parseArgv(['mcp', 'add', '-h'], ROOT) as { chain: readonly CommandSpec[] }).chain.map((c) => c.name), ['codex', 'mcp', 'add']);
  usageError(['exec', '--version'], "unexpected argument '--version' found");
});

test('the help subcommand, as clap adds it: codex help [COMMAND]..., codex mcp help add', () => {
  const chainOf = (...argv: string[]) => (parseArgv(argv, ROOT) as { kind: string; chain: readonly CommandSpec[] });
  assert.equal(chainOf('help').kind, 'help');
  assert.deepEqual(chainOf('help').chain.map((c) => c.name), ['codex']);
  assert.deepEqual(chainOf('help', 'exec', 'resume').chain.map((c) => c.name), ['codex', 'exec', 'resume']);
  assert.deepEqual(chainOf('mcp', 'help', 'add').chain.map((c) => c.name), ['codex', 'mcp', 'add']);
  usageError(['help', 'nope'], "unrecognized subcommand 'nope'");
  // Where a command takes no subcommands, `help` is an ordinary word (a prompt here).
  assert.deepEqual(run('exec', 'resume', 'help').positionals, ['help']);
});

test('exec (alias e): its flags, prompt and defaults', () => {
  const c = run('e', '--skip-git-repo-check', '--json', '--output-last-message', 'out.txt', '-i', 'x.png', '-m', 'o3', '--oss', '-s', 'read-only', '-p', 'p', '--full-auto', '-C', '/tmp', '-c', 'k=v', 'do it');
  assert.deepEqual(c.path, ['exec']);
  assert.deepEqual(c.flags, {
    'skip-git-repo-check': true, json: true, 'output-last-message': 'out.txt', image: ['x.png'], model: 'o3', oss: true,
    sandbox: 'read-only', profile: 'p', 'full-auto': true, cd: '/tmp', config: ['k=v'], color: 'auto',
  });
  assert.deepEqual(c.positionals, ['do it']);
  assert.equal(run('exec', '--experimental-json').flags.json, true);
  assert.equal(run('exec', '--color', 'never').flags.color, 'never');
  assert.equal(run('exec', '--yolo').flags[YOLO], true);
  assert.deepEqual(run('exec', '-').positionals, ['-']);
  usageError(['exec', '-a', 'never'], "unexpected argument '-a' found");
});

test('flags before the subcommand apply to it; root -c comes first', () => {
  const c = run('-c', 'a=1', '-m', 'root', '--oss', 'exec', '-c', 'b=2', '-m', 'sub', 'p');
  assert.deepEqual(c.flags.config, ['a=1', 'b=2']);
  assert.equal(c.flags.model, 'sub', 'the subcommand value wins');
  assert.equal(c.flags.oss, true);
  assert.equal(run('-C', '/x', 'resume').flags.cd, '/x');
  assert.deepEqual(run('-c', 'a=1', 'login', 'status', '-c', 'b=2').flags.config, ['a=1', 'b=2']);
});

test('exec resume [ID] [PROMPT] --last, accepting exec flags on either side', () => {
  const c = run('exec', '--json', 'resume', '--last', 'continue please');
  assert.deepEqual(c.path, ['exec', 'resume']);
  assert.deepEqual(c.positionals, ['continue please']);
  assert.equal(c.flags.last, true);
  assert.equal(c.flags.json, true);
  const d = run('exec', 'resume', '0199-uuid', 'next', '--json', '-m', 'o3');
  assert.deepEqual(d.positionals, ['0199-uuid', 'next']);
  assert.equal(d.flags.model, 'o3');
  usageError(['exec', 'resume', 'a', 'b', 'c'], "unexpected argument 'c' found");
  usageError(['exec', 'say', 'resume'], "unexpected argument 'resume' found"); // after a positional, words are not subcommands
  assert.deepEqual(run('exec', '--', 'resume').positionals, ['resume']);
});

test('resume [SESSION_ID] [--last] takes the TUI flags', () => {
  const c = run('resume', '--last', '-m', 'o3', '--yolo');
  assert.deepEqual(c.path, ['resume']);
  assert.deepEqual(c.flags, { last: true, model: 'o3', [YOLO]: true });
  assert.deepEqual(run('resume', 'abc').positionals, ['abc']);
  usageError(['resume', '--yolo', '-a', 'never'], /cannot be used with '--ask-for-approval/);
});

test('login, login status, logout', () => {
  assert.deepEqual(run('login').path, ['login']);
  assert.equal(run('login', '--api-key', 'sk-1').flags['api-key'], 'sk-1');
  assert.equal(run('login', '--with-api-key').flags['with-api-key'], true);
  assert.deepEqual(run('login', 'status').path, ['login', 'status']);
  assert.deepEqual(run('logout').path, ['logout']);
  usageError(['login', '--api-key'], "a value is required for '--api-key <API_KEY>' but none was supplied");
  usageError(['logout', 'now'], "unexpected argument 'now' found");
});

test('mcp: bare runs the server; list/get/add/remove', () => {
  assert.deepEqual(run('mcp').path, ['mcp']);
  assert.deepEqual(run('mcp-server').path, ['mcp-server']);
  assert.deepEqual(run('mcp', 'list', '--json').flags, { json: true });
  const g = run('mcp', 'get', 'docs', '--json');
  assert.deepEqual([g.path, g.positionals, g.flags.json], [['mcp', 'get'], ['docs'], true]);
  usageError(['mcp', 'get'], 'the following required arguments were not provided:\n  <NAME>');
  const a = run('mcp', 'add', 'docs', '--env', 'A=1', '--env', 'B=2', '--', 'npx', '-y', 'srv', '--flag');
  assert.deepEqual([a.positionals, a.flags.env, a.rest], [['docs'], ['A=1', 'B=2'], ['npx', '-y', 'srv', '--flag']]);
  const u = run('mcp', 'add', 'web', '--url', 'http://127.0.0.1:1/mcp', '--bearer-token-env-var', 'TOKEN');
  assert.deepEqual(u.flags, { url: 'http://127.0.0.1:1/mcp', 'bearer-token-env-var': 'TOKEN' });
  usageError(['mcp', 'add', 'x', '--bearer-token-env-var', 'T', '--', 'c'], "the argument '--bearer-token-env-var <ENV_VAR>' requires '--url'");
  usageError(['mcp', 'add', 'x', '--env', 'A=1', '--url', 'u'], "the argument '--env <KEY=VALUE>' cannot be used with '--url <URL>'");
  assert.deepEqual(run('mcp', 'remove', 'docs').positionals, ['docs']);
  usageError(['mcp', 'remove'], /<NAME>/);
});

test('proxy [--bind ADDR] [--allow-cors-any]', () => {
  assert.deepEqual(run('proxy').flags, { bind: '127.0.0.1:11435' });
  assert.deepEqual(run('proxy', '--bind', '127.0.0.1:0', '--allow-cors-any', '-c', 'model_provider=x').flags, { bind: '127.0.0.1:0', 'allow-cors-any': true, config: ['model_provider=x'] });
});

test('debug landlock|seatbelt [--full-auto] COMMAND...', () => {
  const c = run('debug', 'landlock', '--full-auto', 'ls', '-la', '--color');
  assert.deepEqual([c.path, c.flags, c.rest], [['debug', 'landlock'], { 'full-auto': true }, ['ls', '-la', '--color']]);
  assert.deepEqual(run('debug', 'seatbelt', '--', 'echo', 'hi').rest, ['echo', 'hi']);
  usageError(['debug', 'landlock'], 'the following required arguments were not provided:\n  <COMMAND>...');
  usageError(['debug'], "'codex debug' requires a subcommand but one was not provided\n  [subcommands: landlock, seatbelt]");
  usageError(['debug', 'windows'], "unexpected argument 'windows' found");
});

test('completion [bash|zsh|fish]', () => {
  for (const shell of ['bash', 'zsh', 'fish']) assert.deepEqual(run('completion', shell).positionals, [shell]);
  assert.deepEqual(run('completion').positionals, []);
  usageError(['completion', 'tcsh'], "invalid value 'tcsh' for '<SHELL>'\n  [possible values: bash, zsh, fish, elvish, powershell]");
});

// Generated coverage: every flag of every command parses in each of its spellings.
function* chains(chain: CommandSpec[]): Generator<CommandSpec[]> {
  yield chain;
  for (const s of chain.at(-1)!.subcommands ?? []) yield* chains([...chain, s]);
}

test('every flag of every command parses in every spelling', () => {
  let checked = 0;
  for (const chain of chains([ROOT])) {
    const cmd = chain.at(-1)!;
    if (!cmd.handler) continue;
    const words = chain.slice(1).map((c) => c.name);
    const needed = [...(cmd.positionals ?? []).filter((p) => p.required).map(() => 'x'), ...(cmd.rest?.required ? ['true'] : [])];
    for (const f of acceptedFlags(chain)) {
      if (f.long === 'version') continue;
      const value = f.choices?.[0] ?? 'v';
      const requires = (f.requires ?? []).flatMap((r) => [`--${r}`, 'r']);
      for (const spelling of [f.short && `-${f.short}`, `--${f.long}`, ...(f.aliases ?? []).map((a) => `--${a}`)]) {
        if (!spelling) continue;
        const argv = [...words, spelling, ...(f.value ? [value] : []), ...requires, ...needed];
        const parsed = run(...argv);
        assert.deepEqual(parsed.path, words);
        const got = parsed.flags[f.long];
        assert.deepEqual(got, f.value ? (f.repeatable ? [value] : value) : true, argv.join(' '));
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `checked ${checked} spellings`);
});
