// Writable roots of a sandbox policy (reference §5.1 get_writable_roots_with_cwd):
// where they come from is data (sandbox-profiles/<mode>.json); this module
// resolves them to canonical paths (a symlinked root is bound at its target)
// and finds the protected subpaths (a top-level .git) inside each.
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { SandboxPolicy } from '../protocol/policy.js';
import type { ModePolicy } from './profiles.js';

export interface WritableRoot {
  /** Canonical absolute path. */
  readonly root: string;
  /** Canonical paths inside `root` that stay read-only. */
  readonly readOnlySubpaths: readonly string[];
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

/** One root, canonical, with the protected names under it that exist; undefined if it does not exist. */
export function canonicalRoot(candidate: string, protectedNames: readonly string[]): WritableRoot | undefined {
  if (!existsSync(candidate)) return undefined; // nothing to bind; writes there fail like anywhere else
  const root = realpathSync(candidate);
  const readOnlySubpaths = protectedNames
    .map((name) => join(root, name))
    .filter((p) => existsSync(p))
    .map((p) => realpathSync(p));
  return { root, readOnlySubpaths };
}

/** Canonical, de-duplicated roots that exist, parents before children, with their protected subpaths. */
export function resolveWritableRoots(mode: ModePolicy, inputs: RootInputs, extra: readonly string[] = []): WritableRoot[] {
  const byRoot = new Map<string, WritableRoot>();
  for (const candidate of [...candidateRoots(mode, inputs), ...extra]) {
    const r = canonicalRoot(candidate, mode.readOnlySubpaths);
    if (r && !byRoot.has(r.root)) byRoot.set(r.root, r);
  }
  return [...byRoot.values()].sort((a, b) => a.root.length - b.root.length);
}

/**
 * Whether the canonical `path` may be written under these roots: inside one
 * root, and inside no root's protected subpath (a project's `.git` stays
 * read-only even when a parent such as /tmp is also a root), as in the sandbox.
 */
export function isPathWritable(path: string, roots: readonly WritableRoot[]): boolean {
  const within = (p: string, dir: string): boolean => p === dir || p.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
  return roots.some((r) => within(path, r.root)) && !roots.some((r) => r.readOnlySubpaths.some((ro) => within(path, ro)));
}

export function networkAllowed(mode: ModePolicy, policy: SandboxPolicy): boolean {
  if (policy.mode === 'danger-full-access') return true;
  return mode.network === 'config' && policy.mode === 'workspace-write' && policy.networkAccess;
}
