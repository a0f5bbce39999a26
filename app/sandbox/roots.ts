// Writable roots of a sandbox policy (reference §5.1 get_writable_roots_with_cwd):
// where they come from is data (sandbox-profiles/<mode>.json); this module
// takes each as pinned at the session's start (canonical: a symlinked root is
// bound at its target) and finds what stays read-only inside each: the
// top-level .git (existing, or reserved while missing), CODEX_HOME and the
// launcher's code cache directory (pins.ts).
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { cacheDir } from '../code-cache-dir.js';
import { commonGitDir, gitdirPointer } from '../git/repo.js';
import { guardChains } from './path-chain.js';
import type { SandboxPolicy } from '../protocol/policy.js';
import { RootPins } from './pins.js';
import { modePolicy, type ModePolicy } from './profiles.js';

export interface WritableRoot {
  /** Canonical absolute path. */
  readonly root: string;
  /** Canonical paths inside a root that exist and stay read-only. */
  readonly readOnlySubpaths: readonly string[];
  /** Paths inside a root that do not exist and must not be created (a missing `.git`). */
  readonly reservedSubpaths: readonly string[];
  /** Folders inside the root on the way to a protected path or another root, bound onto themselves so none can be renamed (path-chain.ts). */
  readonly pinnedDirs: readonly string[];
}

export interface RootInputs {
  readonly policy: SandboxPolicy;
  /** The session's working root. */
  readonly sandboxCwd: string;
  /** $TMPDIR of codex itself (may be unset). */
  readonly tmpdirs: readonly (string | undefined)[];
}

/** Candidate root paths, before canonicalization, in the order the data lists sources. */
export function candidateRoots(mode: ModePolicy, inputs: RootInputs): string[] {
  const ww = inputs.policy.mode === 'workspace-write' ? inputs.policy : undefined;
  const out: string[] = [];
  for (const source of mode.writableRoots) {
    switch (source) {
      case 'cwd':
        out.push(inputs.sandboxCwd);
        break;
      case 'config':
        for (const r of ww?.writableRoots ?? []) out.push(isAbsolute(r) ? r : resolve(inputs.sandboxCwd, r));
        break;
      case 'slash-tmp':
        if (!ww?.excludeSlashTmp) out.push('/tmp');
        break;
      case 'tmpdir-env':
        if (!ww?.excludeTmpdirEnvVar) for (const t of inputs.tmpdirs) if (t) out.push(t);
        break;
    }
  }
  return out;
}

const within = (p: string, dir: string): boolean => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/** Where `p` leads, if it exists. */
function real(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

interface Protections { readOnly: string[]; reserved: string[]; named: string[] }

/** What a protected name under a root is now: protect it as it is, reserve it (missing), or neither. */
function protectName(path: string, out: Protections): void {
  out.named.push(path);
  let st;
  try {
    st = lstatSync(path);
  } catch {
    out.reserved.push(path); // missing: kept from being created (a .git the agent would git init)
    return;
  }
  const target = real(path);
  if (!target) return; // a dangling symlink: nothing to mount on
  out.readOnly.push(target);
  if (!st.isFile() || basename(path) !== '.git') return;
  // A `gitdir:` file: its git directory (and a worktree's common one) hold the hooks and config.
  const gitDir = gitdirPointer(path);
  if (gitDir) out.named.push(gitDir);
  const gitDirReal = gitDir && real(gitDir);
  if (gitDirReal) out.readOnly.push(gitDirReal, ...[real(commonGitDir(gitDirReal))].filter((p): p is string => p !== undefined));
  else if (gitDir && real(dirname(gitDir))) out.reserved.push(gitDir);
}

/**
 * The roots to bind for one command: each candidate as pinned at the session's
 * start (see pins.ts), with what stays read-only inside: the profile's names
 * (`.git`, also its gitdir target when it is a file), CODEX_HOME and the code cache directory. Protected paths are looked up now, as they may have appeared.
 * Parents come before children; `dropped` says which roots were left out and why.
 */
export function resolveWritableRoots(
  mode: ModePolicy, inputs: RootInputs, pins: RootPins, extra: readonly string[] = [],
): { roots: WritableRoot[]; dropped: string[] } {
  const paths = new Set<string>();
  const dropped: string[] = [];
  for (const candidate of [...candidateRoots(mode, inputs), ...extra]) {
    const check = pins.check(candidate);
    if (check.kind === 'bind') paths.add(check.path);
    else if (check.kind === 'dropped' && !dropped.includes(check.reason)) dropped.push(check.reason);
  }
  let live = [...paths].sort((a, b) => a.length - b.length);
  // Each pass may rule out roots holding a symlink on the way to a protected path; fewer roots, fewer passes.
  for (;;) {
    const pass = protectRoots(mode, live, pins);
    if (pass.ruledOut.length === 0) return { roots: pass.roots, dropped };
    for (const reason of pass.ruledOut.map((r) => r.reason)) if (!dropped.includes(reason)) dropped.push(reason);
    live = live.filter((r) => !pass.ruledOut.some((o) => o.root === r));
  }
}

/** The protections of `sorted` roots (parents first), or the roots that cannot be protected and why. */
function protectRoots(mode: ModePolicy, sorted: readonly string[], pins: RootPins): {
  roots: WritableRoot[]; ruledOut: { root: string; reason: string }[];
} {
  const alsoReadOnly = pins.readOnlyExtras();
  const found = sorted.map((root) => {
    const out: Protections = { readOnly: [], reserved: [], named: [] };
    for (const name of mode.readOnlySubpaths) protectName(join(root, name), out);
    for (const p of alsoReadOnly) if (within(p, root)) out.readOnly.push(p);
    return { root, ...out };
  });
  // Only what a root makes writable needs covering; elsewhere (and inside
  // another read-only path, where bwrap could not make a mount point) it is read-only already.
  const readOnly = found.flatMap((f) => f.readOnly);
  const writable = (p: string) => sorted.some((r) => within(p, r)) && !readOnly.some((ro) => ro !== p && within(p, ro));
  const guarded = (p: string) => writable(p) && !readOnly.includes(p);
  const chains = guardChains([...sorted, ...found.flatMap((f) => f.named), ...pins.protectedNames()], guarded, (p) => sorted.includes(p));
  const ruledOut = chains.links.flatMap(({ link, target }) => sorted.filter((r) => within(link, r)).map((root) => ({
    root,
    reason: `writable root ${root} is not bound: ${link} is a symlink on the way to the protected ${target}, and a command could replace it`,
  })));
  const innermost = (p: string) => sorted.filter((r) => within(p, r)).at(-1);
  const roots = found.map((f): WritableRoot => ({
    root: f.root,
    readOnlySubpaths: [...new Set(f.readOnly.filter(writable))],
    reservedSubpaths: [...new Set(f.reserved.filter(writable))],
    pinnedDirs: chains.pin.filter((p) => innermost(p) === f.root),
  }));
  return { roots, ruledOut };
}

/**
 * Whether the canonical `path` may be written under these roots: inside one
 * root, and inside no root's protected subpath (a project's `.git` stays
 * read-only even when a parent such as /tmp is also a root), as in the sandbox.
 */
export function isPathWritable(path: string, roots: readonly WritableRoot[]): boolean {
  const guarded = (r: WritableRoot) => [...r.readOnlySubpaths, ...r.reservedSubpaths].some((ro) => within(path, ro));
  return roots.some((r) => within(path, r.root)) && !roots.some(guarded);
}

export function networkAllowed(mode: ModePolicy, policy: SandboxPolicy): boolean {
  if (policy.mode === 'danger-full-access') return true;
  return mode.network === 'config' && policy.mode === 'workspace-write' && policy.networkAccess;
}

/**
 * Pins, at the session's start, every root it may bind (those of
 * workspace-write with the session's settings, even when it starts
 * read-only: /approvals may switch), CODEX_HOME and the launcher's code cache
 * directory, named by codex's own environment as the launcher names it.
 */
export function pinSessionRoots(policy: SandboxPolicy, cwd: string, codexHome: string | undefined): RootPins {
  const ww: SandboxPolicy = policy.mode === 'workspace-write'
    ? policy
    : { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };
  // CODEX_HOME as the next run will find it (config.codexHome is its real path): the names on the way are guarded too.
  const named = process.env['CODEX_HOME']?.trim() ? resolve(process.env['CODEX_HOME']) : undefined;
  const roots = candidateRoots(modePolicy('workspace-write'), { policy: ww, sandboxCwd: cwd, tmpdirs: [process.env['TMPDIR']] });
  return new RootPins(roots, codexHome, named, cacheDir(process.env));
}
