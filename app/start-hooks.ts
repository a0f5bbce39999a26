// What the launcher (dist/codex.js, outside the bundles) and the CLI tell each
// other at start: which build of the bundles runs, for what is cached between
// starts (app/config/checked-memo.ts); and the moment the TUI's first frame is
// on screen, when the launcher writes the V8 code cache, off the path to the
// frame (app/cli/launch/code-cache.ts). Run from source, nobody calls or
// listens: nothing is cached, and the calls do nothing.
let listener: (() => void) | undefined;
let build: string | undefined;

export function onFirstFrame(fn: () => void): void {
  listener = fn;
}

/** Called once the first frame is written; the listener runs at most once. */
export function firstFrameShown(): void {
  const fn = listener;
  listener = undefined;
  fn?.();
}

/** Set by the launcher: one string naming the bundles' contents (their hashes). */
export function setBuildId(id: string | undefined): void {
  build = id;
}

/** The running build's id; undefined when run from source. */
export function buildId(): string | undefined {
  return build;
}
