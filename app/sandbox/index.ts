// planLaunch: how a command runs under the session's sandbox policy.
// danger-full-access runs it directly; read-only and workspace-write wrap it
// in bubblewrap (Linux) or seatbelt (macOS), or refuse with
// SandboxUnavailableError. Nothing falls back to running unsandboxed.
import { join } from 'node:path';
import { platform } from 'node:process';
import { bwrapArgv, findBwrap, probeBwrap } from './bwrap.js';
import { linuxBwrapProfile, modePolicy, seatbeltBaseProfile } from './profiles.js';
import { networkAllowed, resolveWritableRoots } from './roots.js';
import { assembleSeccomp, SeccompUnsupportedError } from './seccomp.js';
import { seatbeltArgv } from './seatbelt.js';
import { SandboxUnavailableError } from './types.js';
import type { LaunchPlan, LaunchRequest } from './types.js';

export { SandboxUnavailableError } from './types.js';
export type { LaunchPlan, LaunchRequest } from './types.js';
export { looksLikeSandboxDenial } from './denial.js';
export type { CommandResult } from './denial.js';
export { createCommandEnv } from './env.js';
export { spawnPlan } from './spawn.js';
export { RootPins } from './pins.js';

/** Set inside a sandbox without network, so tools (and tests) can tell. */
export const NETWORK_DISABLED_ENV = 'CODEX_SANDBOX_NETWORK_DISABLED';

export async function planLaunch(req: LaunchRequest): Promise<LaunchPlan> {
  const { policy } = req;
  if (req.argv.length === 0) throw new Error('planLaunch: empty argv');
  if (policy.mode === 'danger-full-access') {
    return { argv: [...req.argv], env: { ...req.env }, cwd: req.cwd, sandbox: 'none' };
  }
  const mode = modePolicy(policy.mode);
  const networkOff = !networkAllowed(mode, policy);
  const env: Record<string, string> = { ...req.env };
  if (networkOff) env[NETWORK_DISABLED_ENV] = '1';
  // Only codex's own $TMPDIR: the command's (shell_environment_policy.set) must not widen the sandbox.
  const { roots, dropped } = resolveWritableRoots(mode, { policy, sandboxCwd: req.sandboxCwd, tmpdirs: [process.env['TMPDIR']] }, req.pins);
  const noted = dropped.length > 0 ? { dropped } : {};

  if (platform === 'linux') {
    const profile = linuxBwrapProfile();
    const bwrap = findBwrap(req.bwrapPath !== undefined ? [req.bwrapPath] : undefined);
    const extraFlags = await probeBwrap(bwrap, profile);
    let extraFds: Buffer[] = [];
    if (networkOff) {
      try {
        extraFds = [assembleSeccomp(profile.whenNetworkOff.seccomp)];
      } catch (err) {
        if (err instanceof SeccompUnsupportedError) {
          throw new SandboxUnavailableError(`the sandbox cannot start: ${err.message}. The command was not run.`);
        }
        throw err;
      }
    }
    const infoFd = 3 + extraFds.length;
    const argv = bwrapArgv({
      bwrap, profile, extraFlags, roots, networkOff, cwd: req.cwd, argv: req.argv, infoFd,
      ...(networkOff ? { seccompFd: 3 } : {}),
    });
    const mountTargets = roots.flatMap((r) => r.reservedSubpaths);
    const codexHome = req.pins.codexHome();
    const journal = codexHome !== undefined ? { mountJournal: join(codexHome, 'tmp', 'bwrap-mount-points') } : {};
    return { argv, env, cwd: req.cwd, extraFds, infoFd, sandbox: 'linux-bwrap', mountTargets, ...journal, ...noted };
  }
  if (platform === 'darwin') {
    env['CODEX_SANDBOX'] = 'seatbelt';
    const argv = seatbeltArgv({ base: seatbeltBaseProfile(), roots, networkAllowed: !networkOff, argv: req.argv });
    return { argv, env, cwd: req.cwd, sandbox: 'macos-seatbelt', ...noted };
  }
  throw new SandboxUnavailableError(
    `the sandbox cannot start: there is no sandbox for ${platform} (Linux uses bubblewrap, macOS seatbelt). ` +
      'The command was not run. Only if you knowingly accept running commands without any sandbox, use `--sandbox danger-full-access`.',
  );
}
