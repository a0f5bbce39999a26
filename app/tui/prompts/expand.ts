// Custom prompt expansion, as the native CLI 0.169 does it
// (codex-rs/tui/src/bottom_pane/prompt_args.rs): a pure function of the
// prompt's text and what was typed after `/prompts:NAME`.
//
// - Named placeholders are `$` + an upper-case name (`$FILE`, `$TEST_CMD`),
//   not preceded by another `$`; `$ARGUMENTS` is not one. When a prompt has
//   any, the arguments must all be `NAME=value` words (shell quoting allowed:
//   `FILE="a b.ts"`), every name is required, and `$NAME` takes its value.
// - Otherwise the words are positional: `$1`…`$9` take the first nine (an
//   absent one is empty) and `$ARGUMENTS` takes them all, joined by spaces.
// - `$$` stays `$$` and stops what follows from expanding (`$$1`, `$$NAME`).
import { shellSplit } from '../../text/shell-split.js';

const NAMED = /\$[A-Z][A-Z0-9_]*/g;

export type Expansion = { ok: true; text: string } | { ok: false; error: string };

/** The named placeholders of a prompt, in order of first use, without the `$`. */
export function namedPlaceholders(content: string): string[] {
  const names: string[] = [];
  for (const m of content.matchAll(NAMED)) {
    const name = m[0].slice(1);
    if (content[m.index - 1] === '$' || name === 'ARGUMENTS' || names.includes(name)) continue;
    names.push(name);
  }
  return names;
}

/** Whether the prompt takes positional arguments (`$1`…`$9` or `$ARGUMENTS`). */
export function hasPositionalPlaceholders(content: string): boolean {
  return content.includes('$ARGUMENTS') || /\$[1-9]/.test(content);
}

/**
 * Expands `content` (the prompt file's body) with `args`, the text typed after
 * the command; `command` (`/prompts:fixit`) names it in errors.
 */
export function expandPrompt(content: string, args: string, command: string): Expansion {
  const split = shellSplit(args);
  if (!split.ok) return { ok: false, error: `Could not parse ${command}: ${split.error}.` };
  const required = namedPlaceholders(content);
  return required.length ? expandNamed(content, split.words, required, command) : { ok: true, text: expandPositional(content, split.words) };
}

function expandNamed(content: string, words: string[], required: string[], command: string): Expansion {
  const values = new Map<string, string>();
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) return { ok: false, error: `Could not parse ${command}: expected key=value but found '${word}'. Wrap values in double quotes if they contain spaces.` };
    if (eq === 0) return { ok: false, error: `Could not parse ${command}: expected a name before '=' in '${word}'.` };
    values.set(word.slice(0, eq), word.slice(eq + 1));
  }
  const missing = required.filter((k) => !values.has(k));
  if (missing.length) {
    return { ok: false, error: `Missing required args for ${command}: ${missing.join(', ')}. Provide as key=value (quote values with spaces).` };
  }
  const text = content.replace(NAMED, (m, offset: number) => (content[offset - 1] === '$' ? m : (values.get(m.slice(1)) ?? m)));
  return { ok: true, text };
}

function expandPositional(content: string, args: string[]): string {
  let out = '';
  let i = 0;
  for (let at = content.indexOf('$'); at >= 0; at = content.indexOf('$', i)) {
    out += content.slice(i, at);
    const next = content[at + 1];
    if (next === '$') {
      out += '$$';
      i = at + 2;
    } else if (next !== undefined && next >= '1' && next <= '9') {
      out += args[Number(next) - 1] ?? '';
      i = at + 2;
    } else if (content.startsWith('ARGUMENTS', at + 1)) {
      out += args.join(' ');
      i = at + 1 + 'ARGUMENTS'.length;
    } else {
      out += '$';
      i = at + 1;
    }
  }
  return out + content.slice(i);
}
