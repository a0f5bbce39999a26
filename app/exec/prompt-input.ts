// Where `codex exec` gets its prompt (reference §1.5): the argument, or stdin
// when the argument is absent or `-`; piped stdin next to an argument is
// appended as a <stdin> block. Messages and exit codes are the original's.
import type { Readable } from 'node:stream';

export class PromptError extends Error {
  override name = 'PromptError';
}

export interface PromptSource {
  readonly stdin: Readable;
  readonly stdinIsTTY: boolean;
  /** stdin is a pipe, file or socket (not a terminal, not /dev/null). */
  readonly stdinHasData: boolean;
  /** Progress notes ("Reading prompt from stdin..."). */
  note(text: string): void;
}

async function readAll(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

export async function resolvePrompt(arg: string | undefined, src: PromptSource): Promise<string> {
  const forceStdin = arg === '-';
  if (arg !== undefined && !forceStdin) {
    if (!src.stdinHasData) return arg;
    src.note('Reading additional input from stdin...');
    const extra = await readAll(src.stdin);
    // As the original: the block ends on a line of its own, without doubling stdin's own final newline.
    return extra.trim() ? `${arg}\n\n<stdin>\n${extra}${extra.endsWith('\n') ? '' : '\n'}</stdin>` : arg;
  }
  if (src.stdinIsTTY && !forceStdin) {
    throw new PromptError('No prompt provided. Either specify one as an argument or pipe the prompt into stdin.');
  }
  if (!forceStdin) src.note('Reading prompt from stdin...');
  const text = await readAll(src.stdin);
  if (!text.trim()) throw new PromptError('No prompt provided via stdin.');
  return text;
}
