// The settings of this run and the status bar that shows them: the
// configuration (changed before the session started by the trust screen, and
// by /theme and /statusline), the /model and /approvals choices that /new
// carries over, and the git branch.
import type { Config } from '../config/types.js';
import type { Op } from '../protocol/ops.js';
import type { SessionInfo, StatusBar } from '../../widgets/status/status-bar.js';
import { currentBranch } from '../git/repo.js';
import type { AppHost } from './app-host.js';
import { sessionInfo, withOverrides, type TurnOverrides } from './status-info.js';

/** What the settings act on: the app (app.ts). */
export interface SettingsTarget {
  readonly statusBar: StatusBar;
  readonly host: AppHost;
  submit(op: Op): string;
}

export class AppSettings {
  constructor(
    private readonly app: SettingsTarget,
    private settings: Config,
  ) {}

  get config(): Config {
    return this.settings;
  }

  /**
   * The configuration the session will start with changed before it started
   * (the trust screen decided sandbox and approval): the status bar follows.
   */
  reconfigure(config: Config): void {
    this.settings = config;
    this.app.statusBar.info = sessionInfo(config);
    this.app.host.requestFrame();
  }

  /** /theme, /statusline: TUI settings chosen in this run (the rest of the configuration stays). */
  setTuiSettings(patch: Partial<Config['tui']>): void {
    this.settings = { ...this.settings, tui: { ...this.settings.tui, ...patch } };
  }

  /** The status bar's git branch, read again (a turn may have switched it). */
  refreshGitBranch(): void {
    const branch = currentBranch(this.config.cwd);
    const { gitBranch: _, ...rest } = this.app.statusBar.live;
    this.app.statusBar.live = branch === undefined ? rest : { ...rest, gitBranch: branch };
  }

  /** What /model and /approvals chose in this run (kept across /new). */
  private chosen: TurnOverrides = {};

  get overrides(): TurnOverrides {
    return this.chosen;
  }

  /** /model, /approvals: changes the settings of this session and of the ones /new starts. */
  overrideTurnContext(o: TurnOverrides): void {
    this.chosen = { ...this.chosen, ...o };
    this.app.submit({ type: 'override_turn_context', ...o });
    this.app.statusBar.info = this.withOverrides(this.app.statusBar.info);
  }

  /** `info` with the /model and /approvals choices applied. */
  withOverrides(info: SessionInfo): SessionInfo {
    return withOverrides(info, this.chosen);
  }
}
