// The Linux runner: turns the bwrap profile data plus writable roots into a
// bubblewrap argv, finds the system's `bwrap` and checks once that it can create
// the namespaces it needs. It never falls back to running unsandboxed.
import { execFile } from 'node:child_process';
import { rootOwnedBinary } from '../system-binary.js';
import type { LinuxBwrapProfile } from './profiles.js';
import type { WritableRoot } from './roots.js';
import { SandboxUnavailableError } from './types.js';

export interface BwrapArgvInput {
  readonly bwrap: string;
  readonly profile: LinuxBwrapProfile;
  readonly roots: readonly WritableRoot[];
  readonly networkOff: boolean;
  /** Flags the probe found necessary on this machine (the profile's fallbackFlags), if any. */
  readonly extraFlags?: readonly string[];
  /** File descriptor number the child receives the seccomp program on, when network is off. */
  readonly seccompFd?: number;
  /** File descriptor number bwrap writes its pid 1's pid and namespaces to (JSON), to end the sandbox whole. */
  readonly infoFd?: number;
  readonly cwd: string;
  readonly argv: readonly string[];
}

/** Pure: the full argv (bwrap first) for one command. */
export function bwrapArgv(input: BwrapArgvInput): string[] {
  const { profile } = input;
  const out: string[] = [input.bwrap, ...profile.flags, ...(input.extraFlags ?? []), '--ro-bind', '/', '/'];
  // Roots, and the folders on the way to protected paths and inner roots bound onto
  // themselves (mount points cannot be renamed: path-chain.ts), parents first.
  const binds = input.roots.flatMap((r) => [{ path: r.root, flag: '--bind' }, ...r.pinnedDirs.map((path) => ({ path, flag: '--bind-try' }))]);
  for (const b of binds.sort((x, y) => x.path.length - y.path.length)) out.push(b.flag, b.path, b.path);
  // `-try`: a .git that vanished since planning is skipped, never a failed command.
  for (const r of input.roots) for (const p of r.readOnlySubpaths) out.push('--ro-bind-try', p, p);
  // A missing one gets an empty read-only tmpfs, so it cannot be created (`git init`);
  // bwrap makes the mount point, which spawnPlan removes afterwards.
  for (const r of input.roots) for (const p of r.reservedSubpaths) out.push('--tmpfs', p, '--remount-ro', p);
  // Fresh /dev and /proc last, so not even a writable root of `/` can bring back the host's.
  out.push('--dev', '/dev');
  if (profile.readOnlyDev) out.push('--remount-ro', '/dev');
  out.push('--proc', '/proc');
  // bwrap 0.8 skips its own read-only cover of /proc/sys once capabilities are
  // dropped, and uid 0 could then write kernel.core_pattern: cover them here.
  for (const p of profile.readOnlyLast) out.push('--ro-bind-try', p, p);
  const unshare = [...profile.unshare, ...(input.networkOff ? profile.whenNetworkOff.unshare : [])];
  for (const ns of new Set(unshare)) out.push(`--unshare-${ns}`);
  if (input.networkOff && input.seccompFd !== undefined) out.push('--seccomp', String(input.seccompFd));
  if (input.infoFd !== undefined) out.push('--info-fd', String(input.infoFd));
  out.push('--chdir', input.cwd, '--', ...input.argv);
  return out;
}

const INSTALL_HINT =
  'Install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`; Fedora: `dnf install bubblewrap`; ' +
  'Arch: `pacman -S bubblewrap`), or, only if you knowingly accept running commands without any sandbox, ' +
  'use `--sandbox danger-full-access`.';

/** Where the system's bwrap lives; a copy elsewhere on PATH is never used. */
export const BWRAP_LOCATIONS = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'];

/**
 * The system's `bwrap` (or config `bwrap_path`): the first of `locations` that only root can change
 * (file and folders root-owned, not group- or world-writable), or
 * SandboxUnavailableError. Never looked up on PATH, where a command could
 * plant a `bwrap` of its own, which would be no sandbox.
 */
export function findBwrap(locations: readonly string[] = BWRAP_LOCATIONS): string {
  const found = rootOwnedBinary(locations);
  if (found) return found;
  throw new SandboxUnavailableError(
    `the sandbox cannot start: \`bwrap\` (bubblewrap) was not found at ${locations.join(' or ')} ` +
      '(owned by root and writable by no one else; a `bwrap` found on PATH is not used). ' +
      `The command was not run. ${INSTALL_HINT}`,
  );
}

const probes = new Map<string, Promise<readonly string[]>>();

function tryBwrap(bwrap: string, profile: LinuxBwrapProfile, extraFlags: readonly string[]): Promise<string | undefined> {
  const argv = bwrapArgv({
    bwrap, profile, extraFlags, roots: [], networkOff: true, cwd: '/', argv: [bwrap, '--version'],
  }).slice(1);
  return new Promise((resolve) => {
    execFile(bwrap, argv, { timeout: 10_000 }, (err, _stdout, stderr) => {
      resolve(err ? String(stderr).trim() || err.message : undefined);
    });
  });
}

/**
 * Checks once per bwrap binary that it can create the namespaces the profile
 * asks for, and which extra flags that takes here: none, or the profile's
 * fallbackFlags. User namespaces may be disabled by the kernel or AppArmor.
 */
export function probeBwrap(bwrap: string, profile: LinuxBwrapProfile): Promise<readonly string[]> {
  let probe = probes.get(bwrap);
  if (!probe) {
    probe = (async () => {
      const why = await tryBwrap(bwrap, profile, []);
      if (why === undefined) return [];
      if (profile.fallbackFlags.length > 0 && (await tryBwrap(bwrap, profile, profile.fallbackFlags)) === undefined) {
        return profile.fallbackFlags;
      }
      throw new SandboxUnavailableError(
        `the sandbox cannot start: bubblewrap failed to create its namespaces (${why}). ` +
          'The command was not run. Allow unprivileged user namespaces ' +
          '(`sysctl kernel.unprivileged_userns_clone=1`; on Ubuntu 24.04+ also ' +
          '`sysctl kernel.apparmor_restrict_unprivileged_userns=0` or an AppArmor profile for bwrap; ' +
          'in a container, allow the unshare/clone syscalls), ' +
          'or, only if you knowingly accept running commands without any sandbox, use `--sandbox danger-full-access`.',
      );
    })();
    probes.set(bwrap, probe);
  }
  return probe;
}
