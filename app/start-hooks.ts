// What the launcher (dist/codex.js, outside the bundles) and the CLI tell each
// other at start: which build of the bundles runs, for what is cached between
// starts (app/config/checked-memo.ts); the moment the TUI's first frame is
// on screen, when the launcher writes the V8 code cache of dist/cli.js, off
// the path to the frame; and the moment its session has started, when the
// launcher writes those of the bundles the agent's code came from
// (app/cli/launch/code-cache.ts): a TUI often ends with its window closed or
// killed, when nothing more is written. Run from source, nobody calls or
// listens: nothing is cached, and the calls do nothing.
let listener: (() => void) | undefined;
let sessionListener: (() => void) | undefined;
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

export function onSessionStarted(fn: () => void): void {
  sessionListener = fn;
}

/** Called once the TUI's session has started; the listener runs at most once. */
export function sessionStarted(): void {
  const fn = sessionListener;
  sessionListener = undefined;
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
