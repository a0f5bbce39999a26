// The custom prompts of `$CODEX_HOME/prompts/`: every `*.md` file (or symlink
// to one) is `/prompts:NAME`, NAME being the file name without `.md`; files
// that are not UTF-8 are skipped, as in the native CLI. `refresh` is called
// when the slash popup opens and on submit: it costs one stat of the folder
// plus one per prompt file, and re-reads only the files whose size or mtime
// changed, so prompts added or edited while codex runs show up without a watcher.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CustomPrompt {
  readonly name: string;
  readonly path: string;
  /** The body, without its front matter. */
  readonly content: string;
  readonly description?: string;
  readonly argumentHint?: string;
}

/**
 * Optional front matter between two `---` lines: `description:` and
 * `argument-hint:` (or `argument_hint:`), surrounding quotes stripped; other
 * keys, blank and `#` lines are ignored. Without a closing `---` the whole
 * file is the prompt.
 */
export function parseFrontMatter(text: string): { content: string; description?: string; argumentHint?: string } {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { content: text };
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) return { content: text };
  const meta: { description?: string; argumentHint?: string } = {};
  for (const line of lines.slice(1, close)) {
    const m = /^\s*([^:#][^:]*):(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.trim().toLowerCase();
    const value = m[2]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (key === 'description') meta.description = value;
    else if (key === 'argument-hint' || key === 'argument_hint') meta.argumentHint = value;
  }
  return { content: lines.slice(close + 1).join('\n'), ...meta };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export class PromptLibrary {
  private dirStamp: number | undefined;
  private names: string[] = [];
  private readonly files = new Map<string, { stamp: string; prompt: CustomPrompt | undefined }>();
  private list: readonly CustomPrompt[] = [];

  constructor(readonly dir: string) {}

  /** The prompts as last read (no file system access). */
  get prompts(): readonly CustomPrompt[] {
    return this.list;
  }

  /** Re-reads what changed on disk since the last call; sorted by name. */
  refresh(): readonly CustomPrompt[] {
    let stamp: number;
    try {
      stamp = statSync(this.dir).mtimeMs;
    } catch {
      this.dirStamp = undefined;
      this.files.clear();
      return (this.list = []);
    }
    if (stamp !== this.dirStamp) {
      this.dirStamp = stamp;
      // A name with white space could never be typed as `/prompts:NAME`.
      this.names = safeReaddir(this.dir).filter((f) => /\.md$/i.test(f) && !/\s/.test(f)).sort();
      for (const f of [...this.files.keys()]) if (!this.names.includes(f)) this.files.delete(f);
    }
    const out: CustomPrompt[] = [];
    for (const file of this.names) {
      const prompt = this.read(file);
      if (prompt) out.push(prompt);
    }
    return (this.list = out);
  }

  private read(file: string): CustomPrompt | undefined {
    const path = join(this.dir, file);
    let stamp: string;
    try {
      const st = statSync(path);
      if (!st.isFile()) return undefined;
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
    const hit = this.files.get(file);
    if (hit?.stamp === stamp) return hit.prompt;
    let prompt: CustomPrompt | undefined;
    try {
      const parsed = parseFrontMatter(UTF8.decode(readFileSync(path)));
      prompt = { name: file.slice(0, -3), path, ...parsed };
    } catch {
      prompt = undefined; // unreadable or not UTF-8: skipped, as in the native CLI
    }
    this.files.set(file, { stamp, prompt });
    return prompt;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
