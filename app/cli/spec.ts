// The shape of the declarative command table (commands.ts). Parsing, --help,
// argument errors and shell completions are all generated from these values.

/** Handler modules, one per front end or command family (handlers.ts imports them). */
export type HandlerName = 'tui' | 'exec' | 'login' | 'mcp' | 'proxy' | 'debug' | 'completion';

export interface FlagSpec {
  /** Canonical long name without dashes; the key in ParsedCommand.flags. */
  readonly long: string;
  readonly short?: string;
  /** Other long names that mean the same flag (`yolo`, `experimental-json`). */
  readonly aliases?: readonly string[];
  /** Placeholder of the value (`MODEL`); absent for boolean switches. */
  readonly value?: string;
  readonly choices?: readonly string[];
  /** May be given several times; the value becomes string[]. */
  readonly repeatable?: boolean;
  /** Value used when the flag is absent (shown as `[default: …]`). */
  readonly defaultValue?: string;
  /** Splits each value at this character (`-i a.png,b.png`). */
  readonly delimiter?: string;
  /** Long names of flags that may not be combined with this one. */
  readonly conflicts?: readonly string[];
  /** Long names of flags this one needs. */
  readonly requires?: readonly string[];
  /** What the shell should complete for the value. */
  readonly complete?: 'file' | 'dir';
  /** Accepted on every subcommand too (`-c`). */
  readonly global?: boolean;
  readonly help: string;
  readonly hidden?: boolean;
}

export interface PositionalSpec {
  readonly name: string;
  readonly help: string;
  readonly required?: boolean;
  readonly choices?: readonly string[];
}

export interface RestSpec {
  readonly name: string;
  readonly help: string;
  readonly required?: boolean;
}

/** A subcommand of the native CLI that this one lacks: named in an error instead of being taken as a prompt. */
export interface MissingCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** What it does in the native CLI. */
  readonly does: string;
  /** What to use here instead, if anything. */
  readonly instead?: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line, shown in the parent's command list. */
  readonly summary: string;
  /** Longer text at the top of this command's --help (defaults to summary). */
  readonly about?: string;
  readonly flags?: readonly FlagSpec[];
  readonly positionals?: readonly PositionalSpec[];
  /** Trailing COMMAND... : everything after `--`, or from the first word past the positionals. */
  readonly rest?: RestSpec;
  readonly subcommands?: readonly CommandSpec[];
  /** Flags of the parent command are accepted after this subcommand too (`exec resume --json`). */
  readonly inheritFlags?: boolean;
  /** Native subcommands not implemented here (`codex apply`): a clear usage error, never a prompt. */
  readonly missing?: readonly MissingCommand[];
  /** The module that runs it (handlers.ts); absent for commands that only group subcommands. */
  readonly handler?: HandlerName;
}
