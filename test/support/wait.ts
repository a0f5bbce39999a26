// Waiting on observable state (a screen, a file, a mode) instead of sleeping a
// guessed time: a fixed sleep is too short on a loaded machine and wasted time
// on an idle one.

/** Polls `ok` every 20 ms until it holds; after `timeoutMs` fails naming `what` (a function: evaluated then). */
export async function waitFor(ok: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
