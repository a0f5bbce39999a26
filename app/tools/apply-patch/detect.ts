// Recognises a shell call that is really apply_patch, so the agent applies
// the patch itself instead of running a program: `["apply_patch", PATCH]`,
// `["applypatch", PATCH]`, or `bash -lc "[cd DIR && ]apply_patch <<'EOF' … EOF"`.
import { basename } from 'node:path';

export interface ApplyPatchInvocation {
  readonly patch: string;
  /** Directory from a leading `cd DIR &&`, relative to the call's workdir. */
  readonly workdir?: string;
}

const PATCH_COMMANDS: ReadonlySet<string> = new Set(['apply_patch', 'applypatch']);
const SHELLS: ReadonlySet<string> = new Set(['bash', 'zsh', 'sh']);
const SCRIPT_FLAGS: ReadonlySet<string> = new Set(['-lc', '-c']);

// [cd DIR &&] apply_patch <<'EOF'\n BODY \nEOF
const HEREDOC_SCRIPT =
  /^\s*(?:cd\s+('[^']*'|"[^"]*"|[^\s'"&;|]+)\s*&&\s*)?(?:apply_patch|applypatch)\s*<<\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*\3[ \t]*\s*$/;

function unquote(word: string): string {
  const q = word[0];
  return (q === "'" || q === '"') && word.endsWith(q) && word.length >= 2 ? word.slice(1, -1) : word;
}

export function maybeParseApplyPatchFromArgv(argv: readonly string[]): ApplyPatchInvocation | undefined {
  const [cmd, first, second] = argv;
  if (argv.length === 2 && cmd !== undefined && first !== undefined && PATCH_COMMANDS.has(cmd)) {
    return { patch: first };
  }
  if (argv.length !== 3 || cmd === undefined || first === undefined || second === undefined) return undefined;
  if (!SHELLS.has(basename(cmd)) || !SCRIPT_FLAGS.has(first)) return undefined;
  const m = HEREDOC_SCRIPT.exec(second);
  if (!m) return undefined;
  const [, dir, , , body = ''] = m;
  return dir !== undefined ? { patch: body, workdir: unquote(dir) } : { patch: body };
}
