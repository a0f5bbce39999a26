// Syntax highlighting of fenced code, off the frame path: a block renders plain
// first; its lines are tokenized in slices of at most SLICE_MS between frames
// (line by line, carrying the mode's state), and each slice tells the owner to
// redraw. Results are kept per block and per line, so a block that grows while
// streaming only tokenizes its new lines, and a finished block never again.
// Token classes of the modes map to the theme's `syntax.*` colours (foreground
// only: under NO_COLOR nothing of it shows).
import { StringStream } from '@codemirror/streamparser';
import type { Line, Span } from '../base/types.js';
import { TOKENS } from '../transcript/tokens.js';
import { languageOf, languagesLoaded, type Mode, modeOf } from './languages.js';

/** Time one slice may take before yielding to input and frames. */
const SLICE_MS = 4;
/** Longer lines stay plain (minified code would make one slice long). */
const MAX_LINE = 2000;
const TAB = 4;
const INDENT_UNIT = 2;

// Mode token names (CodeMirror's legacy names and lezer tag names) → theme token.
const CLASSES: Record<string, string> = {
  keyword: TOKENS.syntaxKeyword, controlKeyword: TOKENS.syntaxKeyword, modifier: TOKENS.syntaxKeyword, tag: TOKENS.syntaxKeyword,
  string: TOKENS.syntaxString, 'string-2': TOKENS.syntaxString, character: TOKENS.syntaxString, regexp: TOKENS.syntaxString, quote: TOKENS.syntaxString,
  comment: TOKENS.syntaxComment, lineComment: TOKENS.syntaxComment, blockComment: TOKENS.syntaxComment,
  number: TOKENS.syntaxNumber, integer: TOKENS.syntaxNumber, float: TOKENS.syntaxNumber,
  def: TOKENS.syntaxFunction, definition: TOKENS.syntaxFunction, macroName: TOKENS.syntaxFunction,
  type: TOKENS.syntaxType, typeName: TOKENS.syntaxType, className: TOKENS.syntaxType, 'variable-3': TOKENS.syntaxType,
  builtin: TOKENS.syntaxBuiltin, standard: TOKENS.syntaxBuiltin,
  atom: TOKENS.syntaxConstant, bool: TOKENS.syntaxConstant, null: TOKENS.syntaxConstant, self: TOKENS.syntaxConstant,
  property: TOKENS.syntaxProperty, propertyName: TOKENS.syntaxProperty, attribute: TOKENS.syntaxProperty, attributeName: TOKENS.syntaxProperty,
  meta: TOKENS.syntaxMeta, annotation: TOKENS.syntaxMeta,
  'variable-2': TOKENS.syntaxVariable,
  inserted: TOKENS.diffAdd, deleted: TOKENS.diffDel,
};

/** The theme token for a mode's token name (`"string.special"`, `"keyword a"`), if any. */
export function syntaxToken(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  for (const word of name.split(' ')) {
    const [head, sub] = word.split('.');
    if (head === 'variableName' && sub === 'special') return TOKENS.syntaxVariable;
    const t = CLASSES[head!];
    if (t) return t;
  }
  return undefined;
}

function copyState(mode: Mode, state: unknown): unknown {
  if (mode.copyState) return mode.copyState(state);
  if (typeof state !== 'object' || state === null) return state;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state)) out[k] = Array.isArray(v) ? [...v] : v;
  return out;
}

/** Spans of one line; the state advances past it. Throws what the mode throws. */
function tokenizeLine(mode: Mode, state: unknown, text: string): Line {
  if (!text.trim()) {
    mode.blankLine?.(state, INDENT_UNIT);
    return text ? [{ text }] : [];
  }
  if (text.length > MAX_LINE) return [{ text }];
  const out: Line = [];
  const stream = new StringStream(text, TAB, INDENT_UNIT);
  while (!stream.eol()) {
    let name: string | null = null;
    // A mode may return zero-length tokens while it changes state; ten in a row means it is stuck.
    for (let i = 0; i < 10 && stream.pos === stream.start; i++) name = mode.token(stream, state);
    if (stream.pos === stream.start) {
      out.push({ text: text.slice(stream.pos) });
      break;
    }
    const fg = syntaxToken(name);
    const piece = text.slice(stream.start, stream.pos);
    const last = out[out.length - 1];
    if (last && last.style?.fg === fg) last.text += piece;
    else out.push(fg ? { text: piece, style: { fg } } : { text: piece });
    stream.start = stream.pos;
  }
  return out;
}

/** One code block's highlighting: lines tokenized so far and the state after each. */
export class CodeHighlight {
  private texts: string[] = [];
  private spans: Line[] = [];
  private states: unknown[] = [];
  private want: readonly string[] = [];
  private failed = false;

  /** `tag` is the fence's language tag, `lang` the canonical language it names. */
  constructor(readonly tag: string, readonly lang: string, private readonly onProgress: () => void) {}

  /**
   * Spans for `lines` as far as they are tokenized (undefined = not yet: draw
   * plain). Lines that changed since are dropped; the rest is queued.
   */
  lines(lines: readonly string[]): (Line | undefined)[] {
    let same = 0;
    const n = Math.min(lines.length, this.texts.length);
    while (same < n && lines[same] === this.texts[same]) same++;
    if (same < this.texts.length) {
      this.texts.length = same;
      this.spans.length = same;
      this.states.length = same;
    }
    this.want = lines;
    if (same < lines.length && !this.failed) schedule(this);
    return lines.map((_, i) => (i < same ? this.spans[i] : undefined));
  }

  /** Tokenizes lines until the deadline: 'done', 'more' left, or 'loading' its language. */
  step(deadline: number): 'done' | 'more' | 'loading' {
    if (this.failed || this.texts.length >= this.want.length) return 'done';
    const mode = modeOf(this.lang, kick);
    if (mode === undefined) return 'loading'; // the load kicks the queue again
    if (mode === null) {
      this.failed = true;
      return 'done';
    }
    let state = this.states.length ? copyState(mode, this.states[this.states.length - 1]) : mode.startState?.(INDENT_UNIT) ?? {};
    try {
      while (this.texts.length < this.want.length) {
        const text = this.want[this.texts.length]!;
        this.spans.push(tokenizeLine(mode, state, text));
        this.texts.push(text);
        this.states.push(state);
        state = copyState(mode, state);
        if (performance.now() >= deadline) break;
      }
    } catch {
      this.failed = true; // a mode that throws on this input: the rest stays plain
    }
    this.onProgress();
    return this.failed || this.texts.length >= this.want.length ? 'done' : 'more';
  }
}

/** A highlighter for a fence tag, or undefined when the language is not highlighted. */
export function highlighterFor(tag: string, onProgress: () => void): CodeHighlight | undefined {
  const lang = languageOf(tag);
  return lang ? new CodeHighlight(tag, lang, onProgress) : undefined;
}

const queue = new Set<CodeHighlight>();
let pending: ReturnType<typeof setImmediate> | undefined;
const idle: (() => void)[] = [];

function schedule(h: CodeHighlight): void {
  queue.add(h);
  kick();
}

function kick(): void {
  pending ??= setImmediate(pump);
}

function pump(): void {
  pending = undefined;
  const deadline = performance.now() + SLICE_MS;
  let more = false;
  for (const h of [...queue]) {
    if (performance.now() >= deadline) {
      more = true;
      break;
    }
    const r = h.step(deadline);
    if (r === 'done') queue.delete(h);
    else if (r === 'more') more = true;
  }
  // Blocks that only wait for their language are kicked again by its load.
  if (more) kick();
  if (!queue.size) for (const f of idle.splice(0)) f();
}

/** Resolves when every queued block is highlighted (tests and benchmarks wait on it). */
export async function highlightIdle(): Promise<void> {
  for (;;) {
    await languagesLoaded();
    if (!queue.size) return;
    await new Promise<void>((resolve) => idle.push(resolve));
  }
}

/** A code line's spans with the first `cols` characters (its indentation) removed. */
export function dropLeading(line: Line, cols: number): Line {
  const out: Line = [];
  let left = cols;
  for (const s of line) {
    if (left >= s.text.length) {
      left -= s.text.length;
      continue;
    }
    const text = s.text.slice(left);
    left = 0;
    out.push((s.style ? { text, style: s.style } : { text }) satisfies Span);
  }
  return out;
}
