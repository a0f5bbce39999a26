// The moment the TUI's first frame is on screen, for whoever started the
// process: the launcher (dist/codex.js, outside the bundle) writes the V8 code
// cache then, off the path to the frame (app/cli/launch/code-cache.ts). Run
// from source, nobody listens and the call does nothing.
let listener: (() => void) | undefined;

export function onFirstFrame(fn: () => void): void {
  listener = fn;
}

/** Called once the first frame is written; the listener runs at most once. */
export function firstFrameShown(): void {
  const fn = listener;
  listener = undefined;
  fn?.();
}
