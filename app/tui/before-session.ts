// The screens shown before the session starts, in order: the trust screen for
// a folder whose trust was never decided (its answer is recorded and the
// configuration loaded again, so the session starts with the sandbox and
// approval it implies), then, for `codex resume` alone, the session picker.
// The first screen is pushed at once, so the first frame shows it.
import { needsTrustDecision } from '../config/trust.js';
import type { Config, ConfigOverrides } from '../config/types.js';
import type { TuiApp } from './app.js';
import { pickSession, type SessionChoice } from './session-picker.js';
import { applyTrustChoice } from './trust-choice.js';
import { askTrust } from './trust-screen.js';

export interface BeforeSessionOptions {
  /** `codex resume` without an id: show the session picker. */
  readonly pick: boolean;
  /** Loads the configuration again (the invocation's flags plus `extra`). */
  reload(extra: ConfigOverrides): Promise<Config>;
}

export interface Prepared {
  /** The configuration to start the session with. */
  readonly config: Config;
  /** The picker's answer, or quit from the trust screen; none when neither asked. */
  readonly choice?: SessionChoice;
  /** The configuration could not be loaded again after the trust screen: no session starts. */
  readonly error?: string;
}

/** Never rejects: a configuration that cannot be loaded again comes back as `error`. */
export function beforeSession(app: TuiApp, config: Config, opts: BeforeSessionOptions): Promise<Prepared> {
  const trust = needsTrustDecision(config) ? askTrust(app, config) : undefined;
  const picked = !trust && opts.pick ? pickSession(app, config.codexHome) : undefined;
  return (async (): Promise<Prepared> => {
    let current = config;
    if (trust) {
      const answer = await trust;
      if (answer === 'quit') return { config, choice: { type: 'quit' } };
      const outcome = applyTrustChoice(config, answer);
      try {
        current = await opts.reload(outcome.overrides);
      } catch (e) {
        return { config, error: (e as Error).message };
      }
      app.settings.reconfigure(current);
      if (outcome.warning) app.warn(outcome.warning);
    }
    const choice = picked ?? (opts.pick ? pickSession(app, current.codexHome) : undefined);
    return choice ? { config: current, choice: await choice } : { config: current };
  })();
}
