// TERM=dumb: the terminal may not understand the escape sequences the
// full-screen UI draws with. As the original does, warn and ask before drawing
// anything; only an explicit yes continues.
export const DUMB_WARNING = 'WARNING: TERM is set to "dumb". Codex interactive mode may not work.';
export const DUMB_QUESTION = 'Continue anyway? [y/N]: ';

/** True when the TUI may start: TERM is not "dumb", or the user answered y/yes. (stderr is made only when asked: ~0.35 ms of every start otherwise.) */
export async function confirmDumbTerminal(
  env: NodeJS.ProcessEnv,
  streams?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<boolean> {
  if (env.TERM !== 'dumb') return true;
  const { input, output } = streams ?? { input: process.stdin, output: process.stderr };
  output.write(`${DUMB_WARNING}\n`);
  // Loaded only here: node:readline would cost every start ~1 ms.
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input, output, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(DUMB_QUESTION, resolve);
      // End of input is a no.
      rl.once('close', () => resolve(''));
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
