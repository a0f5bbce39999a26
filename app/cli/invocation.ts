// Turns a parsed command line into the CommandContext handlers receive: the
// global flags become ConfigOverrides and -c strings for the config loader,
// which is imported only when a handler asks for the configuration.
import type { Config, ConfigOverrides } from '../config/types.js';
import type { CommandContext, FlagValue, ParsedCommand } from '../command-context.js';
import { logger } from '../log.js';
import { YOLO } from './commands.js';

const log = logger('codex_config');

const str = (v: FlagValue): string | undefined => (typeof v === 'string' ? v : undefined);

/** Typed overrides from the global flags: --full-auto and --yolo expand to sandbox + approval, as the original does. */
export function flagsToOverrides(flags: ParsedCommand['flags']): ConfigOverrides {
  const o: ConfigOverrides = {};
  const model = str(flags.model);
  const profile = str(flags.profile);
  const cwd = str(flags.cd);
  if (model !== undefined) o.model = model;
  if (profile !== undefined) o.profile = profile;
  if (cwd !== undefined) o.cwd = cwd;
  if (flags.oss === true) o.oss = true;
  if (flags['full-auto'] === true) {
    o.sandboxMode = 'workspace-write';
    o.approvalPolicy = 'on-failure';
  } else if (flags[YOLO] === true) {
    o.sandboxMode = 'danger-full-access';
    o.approvalPolicy = 'never';
  } else {
    const sandbox = str(flags.sandbox);
    const approval = str(flags['ask-for-approval']);
    if (sandbox !== undefined) o.sandboxMode = sandbox as NonNullable<ConfigOverrides['sandboxMode']>;
    if (approval !== undefined) o.approvalPolicy = approval as NonNullable<ConfigOverrides['approvalPolicy']>;
  }
  return o;
}

/** Raw -c strings in order (root ones first), plus what --search stands for. */
export function flagsToCliOverrides(flags: ParsedCommand['flags']): string[] {
  const list = Array.isArray(flags.config) ? [...flags.config] : [];
  if (flags.search === true) list.push('tools.web_search=true');
  return list;
}

/** `codex [PROMPT]` and `codex resume` run the full-screen TUI. */
export const isTuiCommand = (cmd: ParsedCommand): boolean => cmd.path.length === 0 || cmd.path[0] === 'resume';

export function createContext(cmd: ParsedCommand): CommandContext {
  return {
    cmd,
    async loadConfig(extra?: ConfigOverrides): Promise<Config> {
      const { loadConfig } = await import('../config/index.js');
      const config = await loadConfig({ cliOverrides: flagsToCliOverrides(cmd.flags), overrides: { ...flagsToOverrides(cmd.flags), ...extra } });
      // The TUI owns the screen: it shows config.warnings itself, and they also go to its log.
      // Other commands print them on stderr before they start.
      for (const w of config.warnings) {
        if (isTuiCommand(cmd)) log.warn(w);
        else process.stderr.write(`warning: ${w}\n`);
      }
      return config;
    },
  };
}
