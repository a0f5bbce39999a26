import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT } from '../../app/cli/commands.js';
import { renderHelp, usageErrorText, usageLine } from '../../app/cli/help.js';
import { acceptedFlags } from '../../app/cli/parse.js';
import type { CommandSpec } from '../../app/cli/spec.js';

function* chains(chain: CommandSpec[]): Generator<CommandSpec[]> {
  yield chain;
  for (const s of chain.at(-1)!.subcommands ?? []) yield* chains([...chain, s]);
}

test('every command has help listing its flags, arguments and subcommands', () => {
  for (const chain of chains([ROOT])) {
    const cmd = chain.at(-1)!;
    const help = renderHelp(chain);
    const name = chain.map((c) => c.name).join(' ');
    assert.ok(help.startsWith(cmd.about ?? cmd.summary), name);
    assert.match(help, new RegExp(`Usage: ${name} \\[OPTIONS\\]`), name);
    for (const f of acceptedFlags(chain)) {
      assert.ok(help.includes(`--${f.long}`), `${name} --help lists --${f.long}`);
      if (f.short) assert.ok(help.includes(`-${f.short}, --${f.long}`), `${name} --help lists -${f.short}`);
    }
    for (const s of cmd.subcommands ?? []) assert.match(help, new RegExp(`\\n {2}${s.name} +${s.summary.slice(0, 20).replace(/[()|.?*+[\]]/g, '\\$&')}`), `${name} lists ${s.name}`);
    for (const p of cmd.positionals ?? []) assert.ok(help.includes(p.required ? `<${p.name}>` : `[${p.name}]`), `${name} shows ${p.name}`);
    assert.ok(help.includes('-h, --help'));
    for (const line of help.split('\n')) assert.ok(line.length <= 100, `${name}: line too long: ${line}`);
  }
});

test('root help shows aliases, choices and defaults', () => {
  const root = renderHelp([ROOT]);
  assert.match(root, /exec +Run Codex non-interactively \[aliases: e\]/);
  // Help text wraps at 100 columns, so words may be split by a newline and indentation.
  assert.match(root, /\[aliases:\s+--yolo\]/);
  assert.match(root, /\[possible\s+values:\s+read-only,\s+workspace-write,\s+danger-full-access\]/);
  assert.match(root, /-V, --version +Print version/);
  const exec = renderHelp([ROOT, ROOT.subcommands!.find((s) => s.name === 'exec')!]);
  assert.match(exec, /--color <COLOR> +Specifies color settings for use in the output\s+\[default:\s+auto\]/);
});

test('usage lines and the error text', () => {
  const debug = ROOT.subcommands!.find((s) => s.name === 'debug')!;
  assert.equal(usageLine([ROOT, debug]), 'Usage: codex debug [OPTIONS] <COMMAND>');
  assert.equal(usageLine([ROOT, debug, debug.subcommands![0]!]), 'Usage: codex debug landlock [OPTIONS] <COMMAND>...');
  const mcp = ROOT.subcommands!.find((s) => s.name === 'mcp')!;
  assert.equal(usageLine([ROOT, mcp, mcp.subcommands!.find((s) => s.name === 'add')!]), 'Usage: codex mcp add [OPTIONS] <NAME> [-- <COMMAND>...]');
  assert.equal(usageErrorText('boom', [ROOT]), "error: boom\n\nUsage: codex [OPTIONS] [PROMPT]\n       codex [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n");
});
