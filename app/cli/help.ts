// --help text and usage lines, generated from the command table.
import { acceptedFlags } from './parse.js';
import type { CommandSpec, FlagSpec } from './spec.js';

const WIDTH = 100;

function wrap(text: string, indent: number): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent + line.length + 1 + w.length > WIDTH) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function table(rows: [string, string][]): string {
  const col = Math.min(Math.max(...rows.map(([l]) => l.length)), 36) + 2;
  return rows
    .map(([l, r]) => (l.length + 2 > col ? `  ${l}\n${' '.repeat(col + 2)}${wrap(r, col + 2)}` : `  ${l.padEnd(col)}${wrap(r, col + 2)}`))
    .join('\n');
}

function flagLeft(f: FlagSpec): string {
  const long = f.value ? `--${f.long} <${f.value}>${f.repeatable ? '...' : ''}` : `--${f.long}`;
  return f.short ? `-${f.short}, ${long}` : `    ${long}`;
}

function flagRight(f: FlagSpec): string {
  let text = f.help;
  if (f.aliases?.length) text += ` [aliases: ${f.aliases.map((a) => `--${a}`).join(', ')}]`;
  if (f.defaultValue !== undefined) text += ` [default: ${f.defaultValue}]`;
  if (f.choices) text += ` [possible values: ${f.choices.join(', ')}]`;
  return text;
}

export function usageLine(chain: readonly CommandSpec[]): string {
  const cmd = chain[chain.length - 1]!;
  const name = chain.map((c) => c.name).join(' ');
  const args = (cmd.positionals ?? []).map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`));
  if (cmd.rest) args.push(cmd.rest.required ? `<${cmd.rest.name}>...` : `[-- <${cmd.rest.name}>...]`);
  const lines: string[] = [];
  if (cmd.handler) lines.push(`${name} [OPTIONS]${args.length ? ` ${args.join(' ')}` : ''}`);
  if (cmd.subcommands?.length) lines.push(`${name} [OPTIONS] <COMMAND>`);
  return `Usage: ${lines.join(`\n       `)}`;
}

export function renderHelp(chain: readonly CommandSpec[]): string {
  const cmd = chain[chain.length - 1]!;
  const parts = [cmd.about ?? cmd.summary, usageLine(chain)];
  const subs = cmd.subcommands ?? [];
  if (subs.length) {
    const rows: [string, string][] = subs.map((s) => [s.name, s.aliases?.length ? `${s.summary} [aliases: ${s.aliases.join(', ')}]` : s.summary]);
    rows.push(['help', 'Print this message or the help of the given subcommand(s)']);
    parts.push(`Commands:\n${table(rows)}`);
  }
  const args: [string, string][] = (cmd.positionals ?? []).map((p) => [
    p.required ? `<${p.name}>` : `[${p.name}]`,
    p.choices ? `${p.help} [possible values: ${p.choices.join(', ')}]` : p.help,
  ]);
  if (cmd.rest) args.push([`<${cmd.rest.name}>...`, cmd.rest.help]);
  if (args.length) parts.push(`Arguments:\n${table(args)}`);
  const flags = acceptedFlags(chain).filter((f) => !f.hidden);
  const rows: [string, string][] = flags.map((f) => [flagLeft(f), flagRight(f)]);
  rows.push(['-h, --help', 'Print help']);
  parts.push(`Options:\n${table(rows)}`);
  return `${parts.join('\n\n')}\n`;
}

export function usageErrorText(message: string, chain: readonly CommandSpec[]): string {
  return `error: ${message}\n\n${usageLine(chain)}\n\nFor more information, try '--help'.\n`;
}
