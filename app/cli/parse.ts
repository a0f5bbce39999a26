// The argv parser, driven entirely by the command table. Flags given before a
// subcommand apply to it (repeatable ones, like -c, come first); a later
// non-repeatable value at the subcommand wins. Errors are UsageError (exit 2).
import type { FlagValue, ParsedCommand } from '../command-context.js';
import type { CommandSpec, FlagSpec } from './spec.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly chain: readonly CommandSpec[]) {
    super(message);
  }
}

export type ParseResult =
  | { readonly kind: 'run'; readonly chain: readonly CommandSpec[]; readonly cmd: ParsedCommand }
  | { readonly kind: 'help'; readonly chain: readonly CommandSpec[] }
  | { readonly kind: 'version' };

/** Flags a command accepts: its own, its parent's when it inherits them, and every ancestor's global ones. */
export function acceptedFlags(chain: readonly CommandSpec[]): FlagSpec[] {
  const out = new Map<string, FlagSpec>();
  const cmd = chain[chain.length - 1]!;
  for (const f of cmd.flags ?? []) out.set(f.long, f);
  for (let i = chain.length - 2; i >= 0; i--) {
    const inherit = chain[i + 1]!.inheritFlags;
    for (const f of chain[i]!.flags ?? []) if ((inherit || f.global) && !out.has(f.long)) out.set(f.long, f);
  }
  return [...out.values()];
}

export function findSubcommand(cmd: CommandSpec, word: string): CommandSpec | undefined {
  return cmd.subcommands?.find((s) => s.name === word || s.aliases?.includes(word));
}

/** `--sandbox <SANDBOX_MODE>` — how errors and help name a flag. */
export function flagDisplay(f: FlagSpec): string {
  return f.value ? `--${f.long} <${f.value}>` : `--${f.long}`;
}

function findFlagSpec(chain: readonly CommandSpec[], long: string): FlagSpec | undefined {
  for (const c of chain) {
    const f = c.flags?.find((x) => x.long === long);
    if (f) return f;
  }
  return undefined;
}

export function parseArgv(argv: readonly string[], root: CommandSpec): ParseResult {
  const chain: CommandSpec[] = [root];
  const flags: Record<string, FlagValue> = {};
  let positionals: string[] = [];
  const rest: string[] = [];
  let seenHere = new Set<string>();
  let accepted = acceptedFlags(chain);
  const cur = () => chain[chain.length - 1]!;
  const fail = (msg: string): never => {
    throw new UsageError(msg, [...chain]);
  };

  const setFlag = (f: FlagSpec, shown: string, value: string | undefined) => {
    if (seenHere.has(f.long) && !f.repeatable) fail(`the argument '${flagDisplay(f)}' cannot be used multiple times`);
    seenHere.add(f.long);
    if (!f.value) {
      if (value !== undefined) fail(`unexpected value '${value}' for '${shown}' found; no more were expected`);
      flags[f.long] = true;
      return;
    }
    if (value === undefined) return fail(`a value is required for '${flagDisplay(f)}' but none was supplied`);
    const parts = f.delimiter ? value.split(f.delimiter) : [value];
    for (const v of parts) {
      if (f.choices && !f.choices.includes(v)) fail(`invalid value '${v}' for '${flagDisplay(f)}'\n  [possible values: ${f.choices.join(', ')}]`);
    }
    if (f.repeatable) flags[f.long] = [...((flags[f.long] as string[] | undefined) ?? []), ...parts];
    else flags[f.long] = value;
  };

  const addPositional = (word: string, i: number): boolean => {
    const specs = cur().positionals ?? [];
    if (positionals.length < specs.length) {
      const spec = specs[positionals.length]!;
      if (spec.choices && !spec.choices.includes(word)) fail(`invalid value '${word}' for '<${spec.name}>'\n  [possible values: ${spec.choices.join(', ')}]`);
      positionals.push(word);
      return false;
    }
    if (cur().rest) {
      rest.push(...argv.slice(i));
      return true; // trailing COMMAND...: everything from here on belongs to it
    }
    return fail(`unexpected argument '${word}' found`);
  };

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      for (let j = i + 1; j < argv.length; j++) {
        if (cur().rest) {
          rest.push(...argv.slice(j));
          break;
        }
        addPositional(argv[j]!, j);
      }
      break;
    }
    if (word === '--help' || word === '-h') return { kind: 'help', chain };
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const f = accepted.find((x) => x.long === name || x.aliases?.includes(name));
      if (!f) return fail(`unexpected argument '--${name}' found`);
      if (f.long === 'version' && chain.length === 1) return { kind: 'version' };
      let value = eq < 0 ? undefined : word.slice(eq + 1);
      if (f.value && value === undefined) {
        const next = argv[i + 1];
        if (next !== undefined && !(next.startsWith('-') && next.length > 1)) value = argv[++i];
      }
      setFlag(f, `--${name}`, value);
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const ch = word[k]!;
        const f = accepted.find((x) => x.short === ch);
        if (!f) return fail(`unexpected argument '-${ch}' found`);
        if (f.long === 'version' && chain.length === 1) return { kind: 'version' };
        if (!f.value) {
          setFlag(f, `-${ch}`, undefined);
          continue;
        }
        let value: string | undefined = word.slice(k + 1).replace(/^=/, '');
        if (!value) {
          const next = argv[i + 1];
          value = next !== undefined && !(next.startsWith('-') && next.length > 1) ? argv[++i] : undefined;
        }
        setFlag(f, `-${ch}`, value);
        break;
      }
      continue;
    }
    // clap's `help [COMMAND]...` where a command has subcommands: `codex help exec`, `codex mcp help add`.
    if (word === 'help' && positionals.length === 0 && cur().subcommands?.length) {
      for (const name of argv.slice(i + 1)) {
        const next = findSubcommand(cur(), name);
        if (!next) return fail(`unrecognized subcommand '${name}'`);
        chain.push(next);
      }
      return { kind: 'help', chain };
    }
    const sub = positionals.length === 0 ? findSubcommand(cur(), word) : undefined;
    if (sub) {
      chain.push(sub);
      accepted = acceptedFlags(chain);
      seenHere = new Set();
      positionals = [];
      continue;
    }
    const missing = positionals.length === 0 ? cur().missing?.find((m) => m.name === word || m.aliases?.includes(word)) : undefined;
    if (missing) {
      fail(`'${word}' is a command of the native Codex CLI that this implementation does not have (${missing.does})${missing.instead ? `; ${missing.instead}` : ''}. To send '${word}' as a prompt, write: ${chain.map((c) => c.name).join(' ')} -- ${word}`);
    }
    if (addPositional(word, i)) break;
  }

  const cmd = cur();
  if (!cmd.handler) {
    const names = (cmd.subcommands ?? []).map((s) => s.name).join(', ');
    fail(`'${chain.map((c) => c.name).join(' ')}' requires a subcommand but one was not provided\n  [subcommands: ${names}]`);
  }
  const missing = (cmd.positionals ?? []).filter((p, idx) => p.required && idx >= positionals.length).map((p) => `<${p.name}>`);
  if (cmd.rest?.required && rest.length === 0) missing.push(`<${cmd.rest.name}>...`);
  if (missing.length) fail(`the following required arguments were not provided:\n  ${missing.join('\n  ')}`);

  for (const long of Object.keys(flags)) {
    const f = findFlagSpec(chain, long);
    for (const other of f?.conflicts ?? []) {
      if (flags[other] === undefined) continue;
      const o = findFlagSpec(chain, other);
      fail(`the argument '${flagDisplay(f!)}' cannot be used with '${o ? flagDisplay(o) : `--${other}`}'`);
    }
    for (const need of f?.requires ?? []) {
      if (flags[need] === undefined) fail(`the argument '${flagDisplay(f!)}' requires '--${need}'`);
    }
  }
  for (const f of accepted) if (f.defaultValue !== undefined && flags[f.long] === undefined) flags[f.long] = f.defaultValue;

  return { kind: 'run', chain, cmd: { path: chain.slice(1).map((c) => c.name), flags, positionals, rest } };
}
