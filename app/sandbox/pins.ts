// Writable roots are resolved once, when the session starts, and pinned: the
// real path plus device and inode of each. Before every command a root is
// bound only if that real path still leads to the same directory, so a
// command that renames a parent and leaves a symlink to somewhere else (or
// creates a configured root that was missing as a symlink) gains nothing.
// A root missing at start stays unbound for the whole session.
//
// Two directories stay read-only inside every sandbox wherever they lie:
// CODEX_HOME (its config.toml decides how the next run is sandboxed) and the
// CLI's cache directory (app/code-cache-dir.ts: V8 runs the bytecode of a
// code cache unchecked, so a planted file would run outside the sandbox at the
// next start; and the checked config kept there decides the next sandbox). The code cache's is made on the host before each command when
// missing, so it is always there to bind read-only (reserving a missing one as
// a missing .git is would leave its parents, ~/.cache, for bwrap to create).
import { realpathSync, statSync } from 'node:fs';
import { makeCacheDir } from '../code-cache-dir.js';
import { entriesTo } from './path-chain.js';

type Pin =
  | { readonly kind: 'present'; readonly path: string; readonly dev: number; readonly ino: number }
  | { readonly kind: 'missing' };

/** A root to bind (its pinned real path), or why a root is not bound this time. */
export type RootCheck =
  | { readonly kind: 'bind'; readonly path: string }
  | { readonly kind: 'dropped'; readonly reason: string }
  | { readonly kind: 'absent' };

function pinNow(candidate: string): Pin {
  try {
    const path = realpathSync(candidate);
    const st = statSync(path);
    return { kind: 'present', path, dev: st.dev, ino: st.ino };
  } catch {
    return { kind: 'missing' };
  }
}

export class RootPins {
  readonly #pins = new Map<string, Pin>();
  readonly #codexHome: string | undefined;
  readonly #codeCache: string | undefined;
  readonly #names: readonly string[];

  /**
   * Pins `candidates` (absolute paths) now, at the session's start, and the
   * protected directories: CODEX_HOME (`codexHomeNamed` is the path the user
   * named for it, when that differs: CODEX_HOME through a symlink) and
   * `codeCache`, the code cache directory as codex's own environment names it.
   */
  constructor(candidates: readonly (string | undefined)[], codexHome?: string, codexHomeNamed?: string, codeCache?: string) {
    for (const c of candidates) if (c) this.#pin(c);
    this.#codexHome = codexHome;
    this.#codeCache = codeCache;
    this.#names = [...new Set([codexHome, codexHomeNamed, codeCache].filter((p): p is string => p !== undefined))];
    if (codeCache) makeCacheDir(codeCache);
    for (const dir of [codexHome, codeCache]) if (dir) this.#pin(dir);
  }

  /** The protected directories as pinned and where they lead now (all are protected). */
  readOnlyExtras(): string[] {
    const paths: (string | undefined)[] = [];
    if (this.#codeCache) paths.push(...this.#codeCacheNow());
    for (const dir of [this.#codexHome, this.#codeCache]) {
      if (!dir) continue;
      const now = pinNow(dir);
      paths.push(this.pinnedPath(dir), now.kind === 'present' ? now.path : undefined);
    }
    return [...new Set(paths.filter((p): p is string => p !== undefined))];
  }

  /**
   * Makes the code cache directory again if it went missing (the user cleared
   * ~/.cache); a file in the way is protected instead, so no command can
   * replace it by the directory (a symlink in the way rules its root out: path-chain.ts).
   */
  #codeCacheNow(): string[] {
    makeCacheDir(this.#codeCache!);
    const last = entriesTo(this.#codeCache!).at(-1);
    return last?.kind === 'other' ? [last.path] : [];
  }

  /** CODEX_HOME, if the session has one. */
  codexHome(): string | undefined {
    return this.#codexHome;
  }

  /** The paths by which codex finds CODEX_HOME and the code cache: no name on the way may be replaced. */
  protectedNames(): readonly string[] {
    return this.#names;
  }

  /** A root first named after the start (a cwd or a grant the user made later) is pinned when first seen. */
  #pin(candidate: string): Pin {
    let pin = this.#pins.get(candidate);
    if (!pin) {
      pin = pinNow(candidate);
      this.#pins.set(candidate, pin);
    }
    return pin;
  }

  /** The pinned real path of `candidate`, if it existed when pinned (whatever is there now). */
  pinnedPath(candidate: string): string | undefined {
    const pin = this.#pin(candidate);
    return pin.kind === 'present' ? pin.path : undefined;
  }

  /** Whether `candidate` may be bound for the next command, at which path. */
  check(candidate: string): RootCheck {
    const pin = this.#pin(candidate);
    if (pin.kind === 'missing') {
      return pinNow(candidate).kind === 'present'
        ? { kind: 'dropped', reason: `writable root ${candidate} is not bound: it did not exist when the session started` }
        : { kind: 'absent' };
    }
    const now = pinNow(pin.path);
    if (now.kind === 'missing') return { kind: 'dropped', reason: `writable root ${pin.path} is not bound: it no longer exists` };
    if (now.path !== pin.path) {
      return { kind: 'dropped', reason: `writable root ${pin.path} is not bound: it now leads to ${now.path} (a symlink was put in its path)` };
    }
    if (now.dev !== pin.dev || now.ino !== pin.ino) {
      return { kind: 'dropped', reason: `writable root ${pin.path} is not bound: it was replaced by another directory since the session started` };
    }
    return { kind: 'bind', path: pin.path };
  }
}
