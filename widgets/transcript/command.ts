// How a command argv is shown: shell-quoted and joined, and for the
// `bash -lc "<script>"` wrapper the model uses, just the script.
import { shellJoin } from '../../app/text/shell-quote.js';

export function displayCommand(argv: readonly string[]): string {
  const [cmd, flag, script] = argv;
  if (argv.length === 3 && cmd && /(^|\/)(ba|z|fi)?sh$/.test(cmd) && (flag === '-lc' || flag === '-c') && script !== undefined) {
    return script;
  }
  return shellJoin(argv);
}

/** A display string cut to `max` characters with an ellipsis (for one-line summaries). */
export function clip(text: string, max: number): string {
  const one = text.replace(/\s*\n\s*/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
