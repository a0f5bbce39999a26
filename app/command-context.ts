// What a subcommand handler receives. The command table (app/cli/commands.ts)
// parses argv into a ParsedCommand and lazily imports the handler module, so
// each front end stays off the start path of the others.
import type { Config, ConfigOverrides } from './config/types.js';

export type FlagValue = string | boolean | string[] | undefined;

export interface ParsedCommand {
  /** Subcommand path: [] for the TUI, ['exec'], ['exec', 'resume'], ['mcp', 'add'], … (aliases resolved). */
  readonly path: readonly string[];
  /** Flags by long name as typed, without dashes: 'model', 'config' (string[]), 'skip-git-repo-check', … */
  readonly flags: Readonly<Record<string, FlagValue>>;
  readonly positionals: readonly string[];
  /** Words after `--`, or the trailing COMMAND... of commands that take one (debug landlock). */
  readonly rest: readonly string[];
}

export interface CommandContext {
  readonly cmd: ParsedCommand;
  /**
   * Loads the configuration with the global flags of this invocation applied
   * (-c, -p, -m, -s, -a, --full-auto, --yolo, --oss, -C) plus `extra`.
   * Throws ConfigError (app/config) whose message is ready for the user.
   */
  loadConfig(extra?: ConfigOverrides): Promise<Config>;
}

/** The values of a flag that may repeat (`-i a.png -i b.png`, `-i a.png,b.png`), in order. */
export function flagList(v: FlagValue): string[] {
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** A handler module exports `main`; the resolved number is the process exit code. */
export type CommandHandler = (ctx: CommandContext) => Promise<number>;
