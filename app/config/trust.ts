// Project trust (reference §2 `projects`, §3.8): whether the user decided how
// far Codex may act in the working root, recorded as
// `[projects."<path>"] trust_level = "trusted" | "untrusted"` for the working
// root or its git root (the working root's own entry wins). A trusted project
// defaults to the workspace-write sandbox, an untrusted one to approval
// `untrusted`; an undecided one gets the TUI's trust screen.
import { findGitRoot } from '../git/repo.js';
import type { ConfigToml } from './schema.js';

export type TrustLevel = 'trusted' | 'untrusted';

export interface ProjectTrust {
  /** Where a decision is recorded: the git root, or the working root outside git. */
  readonly root: string;
  readonly inGit: boolean;
  /** `trust_level` recorded for the working root or its git root, if any. */
  readonly trustLevel?: string;
}

export function projectTrust(toml: ConfigToml, cwd: string): ProjectTrust {
  const root = findGitRoot(cwd);
  const level = [cwd, root].map((p) => (p === undefined ? undefined : toml.projects[p]?.trust_level)).find((l) => l !== undefined);
  return { root: root ?? cwd, inGit: root !== undefined, ...(level !== undefined && { trustLevel: level }) };
}

/** exec's start check (`--skip-git-repo-check` skips it): inside a git repository, or a project marked trusted. */
export function mayRunHeadless(project: ProjectTrust): boolean {
  return project.inGit || project.trustLevel === 'trusted';
}

/** A folder never decided, and no sandbox or approval policy chosen by the user: the TUI asks (the trust screen). */
export function needsTrustDecision(config: { readonly project: ProjectTrust; readonly policyFromUser: boolean }): boolean {
  return config.project.trustLevel === undefined && !config.policyFromUser;
}
