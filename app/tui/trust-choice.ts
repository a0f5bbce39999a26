// What the answer on the trust screen does: it is recorded in config.toml
// (`[projects."<git root or cwd>"] trust_level`), and the configuration, loaded
// again, derives the sandbox and approval from it: trusted → workspace-write /
// on-request, untrusted → read-only / untrusted. When the file cannot be
// written the same settings apply to this run as flags, with a warning.
import { join } from 'node:path';
import { recordProjectTrust } from '../config/record-trust.js';
import type { TrustLevel } from '../config/trust.js';
import type { Config, ConfigOverrides } from '../config/types.js';

type Policy = Required<Pick<ConfigOverrides, 'sandboxMode' | 'approvalPolicy'>>;

export const TRUST_POLICY: Readonly<Record<TrustLevel, Policy>> = {
  trusted: { sandboxMode: 'workspace-write', approvalPolicy: 'on-request' },
  untrusted: { sandboxMode: 'read-only', approvalPolicy: 'untrusted' },
};

export interface TrustOutcome {
  /** Flags for loading the configuration again: none when the decision was recorded. */
  readonly overrides: ConfigOverrides;
  /** Why the decision could not be recorded, for the transcript. */
  readonly warning?: string;
}

export function applyTrustChoice(config: Config, level: TrustLevel): TrustOutcome {
  try {
    recordProjectTrust(config.codexHome, config.project.root, level);
    return { overrides: {} };
  } catch (e) {
    const policy = TRUST_POLICY[level];
    const file = join(config.codexHome, 'config.toml');
    const message = (e as Error).message;
    const why = `${message.startsWith(file) ? '' : `${file}: `}${message}${message.endsWith('.') ? '' : '.'}`;
    return {
      overrides: { ...policy },
      warning: `Could not record the trust decision for ${config.project.root}: ${why} This session uses sandbox ${policy.sandboxMode} and approval ${policy.approvalPolicy}; Codex will ask again next time.`,
    };
  }
}
