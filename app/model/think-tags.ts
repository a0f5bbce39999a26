// Reasoning some chat servers send inside the message itself: Ollama and vLLM
// serving DeepSeek-R1 or Qwen3 without a reasoning parser stream
// `<think>…</think>` at the start of the content, then the answer. Split
// while streaming, tags cut anywhere across deltas; only a message that
// starts with `<think>` (after blank space) has any: a tag later in an answer
// is text.
//
// Some templates open the block themselves (QwQ, newer DeepSeek-R1, Qwen3
// "thinking" models): the content is then `reasoning\n</think>\n\nanswer`.
// Nothing but that closing tag tells such reasoning from an answer, so what
// happens to the text before it depends on the model:
// - a model known to answer this way (TEMPLATE_OPENED: it always reasons
//   first) has the text held back until a `</think>` ending its line (or
//   ending the content on a line of its own) proves it reasoning, whatever
//   markup the reasoning holds; a message without one was the answer;
// - any other model's text streams as answer text at once (an answer is never
//   delayed for a tag that may not come). A `</think>` then counts only as the
//   first markup of the message, on a line of its own: no `<` or backquote
//   before it, a line break (or the start) before it and a line break (or the
//   end) after it; anything else is an answer mentioning it. When it does
//   count, the text so far is given back as reasoning (a `reclassify` part).
const OPEN = '<think>';
const CLOSE = '</think>';

/** A `</think>` ending its line: where reasoning ends for a model whose template opened the block. */
const CLOSE_LINE = /<\/think>[\r\n]/;

/** Models whose chat template opens the think block (matched in the model name, any case). */
const TEMPLATE_OPENED: readonly RegExp[] = [/deepseek-r1/i, /qwq/i, /qwen3.*thinking/i];

export function templateOpensThink(model: string): boolean {
  return TEMPLATE_OPENED.some((re) => re.test(model));
}

/**
 * A run of the message's content: answer text or reasoning; `reclassify`
 * (empty text) says all the answer text so far was reasoning after all.
 */
export interface ContentPart {
  readonly kind: 'text' | 'reasoning' | 'reclassify';
  readonly text: string;
}

type State =
  | 'start' // nothing but blank space yet: may still open with <think>
  | 'thinking' // inside <think>
  | 'after' // just after </think>: blank space before the answer is dropped
  | 'unopened' // text with no markup yet: a </think> on its own line may still close a block the template opened
  | 'opened' // a model whose template opened the block: held back until </think>
  | 'text'; // the answer

/** The longest end of `s` that begins `tag` (a tag cut by the delta's end). */
function partialTagAt(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) if (tag.startsWith(s.slice(-n))) return n;
  return 0;
}

/**
 * Whether the markup at `m` is a `</think>` ending its line: `yes`, `no`, or
 * `cut` (the delta ends before that is known).
 */
function closeAt(s: string, m: number): 'yes' | 'no' | 'cut' {
  const rest = s.slice(m, m + CLOSE.length + 1);
  if (rest.length <= CLOSE.length) return CLOSE.startsWith(rest) ? 'cut' : 'no';
  return rest.startsWith(CLOSE) && (rest.endsWith('\n') || rest.endsWith('\r')) ? 'yes' : 'no';
}

export class ThinkSplitter {
  readonly #templateOpens: boolean;
  #state: State = 'start';
  /** Content held back until it is known what it is. */
  #held = '';
  /** In `opened`: the text held back, and its last characters (where a cut </think> may begin). */
  #opened: { chunks: string[]; tail: string } = { chunks: [], tail: '' };
  /** No reasoning sent yet: blank space opening it is dropped. */
  #reasoningStarted = false;
  /** In `unopened`: the text so far ends a line (or there is none). */
  #atLineStart = true;

  /** `templateOpens`: the model is known to answer `reasoning</think>answer` (templateOpensThink). */
  constructor(templateOpens: boolean) {
    this.#templateOpens = templateOpens;
  }

  push(delta: string): ContentPart[] {
    const out: ContentPart[] = [];
    let s = this.#held + delta;
    this.#held = '';
    while (s !== '') {
      switch (this.#state) {
        case 'start': {
          const body = s.trimStart();
          if (body.startsWith(OPEN)) {
            this.#state = 'thinking';
            s = body.slice(OPEN.length);
          } else if (OPEN.startsWith(body)) {
            this.#held = s; // blank, or a <think> still cut
            return out;
          } else {
            this.#state = this.#templateOpens ? 'opened' : 'unopened';
          }
          break;
        }
        case 'opened': {
          // Only the new text and the held characters just before it can hold a closing tag not yet seen.
          const tail = this.#opened.tail;
          const at = (tail + s).search(CLOSE_LINE);
          if (at < 0) {
            this.#opened.chunks.push(s);
            this.#opened.tail = (tail + s).slice(-CLOSE.length);
            return out;
          }
          const all = this.#opened.chunks.join('') + s;
          const end = all.length - s.length - tail.length + at;
          this.#opened = { chunks: [], tail: '' };
          this.#reason(all.slice(0, end), out);
          this.#state = 'after';
          s = all.slice(end + CLOSE.length);
          break;
        }
        case 'unopened': {
          const m = s.search(/[<`]/);
          const close = m >= 0 && (m > 0 ? s[m - 1] === '\n' : this.#atLineStart) ? closeAt(s, m) : 'no';
          if (close === 'no') {
            // No markup, or markup other than a closing tag on its own line: from that on it is all answer.
            if (m >= 0) this.#state = 'text';
            this.#text(s, out);
            return out;
          }
          this.#text(s.slice(0, m), out);
          if (close === 'cut') {
            this.#held = s.slice(m);
            return out;
          }
          out.push({ kind: 'reclassify', text: '' });
          this.#reasoningStarted = true;
          this.#state = 'after';
          s = s.slice(m + CLOSE.length);
          break;
        }
        case 'thinking': {
          const end = s.indexOf(CLOSE);
          const upTo = end >= 0 ? end : s.length - partialTagAt(s, CLOSE);
          this.#reason(s.slice(0, upTo), out);
          if (end < 0) {
            this.#held = s.slice(upTo);
            return out;
          }
          this.#state = 'after';
          s = s.slice(end + CLOSE.length);
          break;
        }
        case 'after': {
          s = s.trimStart();
          if (s !== '') this.#state = 'text';
          break;
        }
        case 'text':
          out.push({ kind: 'text', text: s });
          return out;
      }
    }
    return out;
  }

  #text(text: string, out: ContentPart[]): void {
    if (text === '') return;
    this.#atLineStart = text.endsWith('\n');
    out.push({ kind: 'text', text });
  }

  /**
   * The content ended: what was held back is what it looked like (a cut
   * `<think>` is text, a cut `</think>` reasoning, and a message with no
   * `</think>` from a model whose template opens the block its answer).
   */
  end(): ContentPart[] {
    const held = this.#state === 'opened' ? this.#opened.chunks.join('') : this.#held;
    this.#held = '';
    this.#opened = { chunks: [], tail: '' };
    if (held === '') return [];
    if (this.#state === 'thinking') return [{ kind: 'reasoning', text: held }];
    if (this.#state === 'opened') {
      // The tag ending the content on a line of its own: reasoning cut off before any answer.
      if (held === CLOSE || held.endsWith(`\n${CLOSE}`)) {
        const out: ContentPart[] = [];
        this.#reason(held.slice(0, -CLOSE.length), out);
        return out;
      }
      return held.trim() === '' ? [] : [{ kind: 'text', text: held }];
    }
    if (this.#state === 'unopened' && held === CLOSE) return [{ kind: 'reclassify', text: '' }];
    return held.trim() === '' ? [] : [{ kind: 'text', text: held }];
  }

  #reason(text: string, out: ContentPart[]): void {
    const t = this.#reasoningStarted ? text : text.trimStart();
    if (t === '') return;
    this.#reasoningStarted = true;
    out.push({ kind: 'reasoning', text: t });
  }
}
