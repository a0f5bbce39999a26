// `codex debug landlock|seatbelt [--full-auto] COMMAND...`: run one command
// under the sandbox the agent would use (read-only, or workspace-write with
// --full-auto) in the working root, stdio passed through, exiting with the
// command's status. `landlock` is the original's name for the Linux sandbox;
// here it runs the bubblewrap runner.
import { constants } from 'node:os';
import { platform } from 'node:process';
import type { CommandContext } from '../command-context.js';
import type { Config } from '../config/types.js';
import type { SandboxPolicy } from '../protocol/policy.js';
import { createCommandEnv } from '../sandbox/env.js';
import { planLaunch, SandboxUnavailableError } from '../sandbox/index.js';
import { spawnPlan, wrappedCommandError } from '../sandbox/spawn.js';
import { pinSessionRoots } from '../sandbox/roots.js';

const NEEDS: Readonly<Record<string, { os: NodeJS.Platform; text: string }>> = {
  landlock: { os: 'linux', text: 'the Linux sandbox (bubblewrap); on macOS use `codex debug seatbelt`' },
  seatbelt: { os: 'darwin', text: 'macOS (/usr/bin/sandbox-exec); on Linux use `codex debug landlock`' },
};

/** Read-only, or with --full-auto the config's workspace-write settings (defaults if it has none). */
export function debugPolicy(fullAuto: boolean, config: Pick<Config, 'sandboxPolicy'>): SandboxPolicy {
  if (!fullAuto) return { mode: 'read-only' };
  if (config.sandboxPolicy.mode === 'workspace-write') return config.sandboxPolicy;
  return { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };
}

export async function main(ctx: CommandContext): Promise<number> {
  const which = ctx.cmd.path[ctx.cmd.path.length - 1] ?? 'landlock';
  const prefix = `codex debug ${which}`;
  const needs = NEEDS[which];
  if (!needs) {
    process.stderr.write(`${prefix}: unknown sandbox (expected landlock or seatbelt)\n`);
    return 2;
  }
  if (platform !== needs.os) {
    process.stderr.write(`${prefix}: this sandbox needs ${needs.text}.\n`);
    return 1;
  }
  const argv = ctx.cmd.rest;
  if (argv.length === 0) {
    process.stderr.write(`${prefix}: missing COMMAND to run under the sandbox\n`);
    return 2;
  }
  const fullAuto = ctx.cmd.flags['full-auto'] === true;
  // Loading as workspace-write brings in [sandbox_workspace_write] (extra roots, network).
  const config = await ctx.loadConfig(fullAuto ? { sandboxMode: 'workspace-write' } : {});
  const policy = debugPolicy(fullAuto, config);
  let plan;
  try {
    plan = await planLaunch({
      argv, cwd: config.cwd, sandboxCwd: config.cwd, policy,
      env: createCommandEnv(config.shellEnvironmentPolicy),
      pins: pinSessionRoots(policy, config.cwd, config.codexHome),
      ...(config.bwrapPath !== undefined ? { bwrapPath: config.bwrapPath } : {}),
    });
  } catch (err) {
    if (!(err instanceof SandboxUnavailableError)) throw err;
    process.stderr.write(`${prefix}: ${err.message}\n`);
    return 1;
  }
  for (const reason of plan.dropped ?? []) process.stderr.write(`${prefix}: ${reason}\n`);
  const unstartable = wrappedCommandError(plan);
  if (unstartable) {
    const missing = unstartable.code === 'ENOENT';
    process.stderr.write(`${prefix}: ${unstartable.command}: ${missing ? 'command not found' : 'permission denied'}\n`);
    return missing ? 127 : 126;
  }
  const child = spawnPlan(plan, { stdio: ['inherit', 'inherit', 'inherit'] });
  return new Promise<number>((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`${prefix}: cannot start ${plan.argv[0]}: ${err.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}
