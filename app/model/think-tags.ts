// Reasoning some chat servers send inside the message itself: Ollama and vLLM
// serving DeepSeek-R1 or Qwen3 without a reasoning parser stream
// `<think>…</think>` at the start of the content, then the answer. Split
// while streaming, tags cut anywhere across deltas; only a message that
// starts with `<think>` (after blank space) has any: a tag later in an answer
// is text.
const OPEN = '<think>';
const CLOSE = '</think>';

/** A run of the message's content: answer text or reasoning. */
export interface ContentPart {
  readonly kind: 'text' | 'reasoning';
  readonly text: string;
}

type State =
  | 'start' // nothing but blank space yet: may still open with <think>
  | 'thinking' // inside <think>
  | 'after' // just after </think>: blank space before the answer is dropped
  | 'text'; // the answer

/** The longest end of `s` that begins `tag` (a tag cut by the delta's end). */
function partialTagAt(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) if (tag.startsWith(s.slice(-n))) return n;
  return 0;
}

export class ThinkSplitter {
  #state: State = 'start';
  /** Content held back until it is known what it is. */
  #held = '';
  /** No reasoning sent yet: blank space opening it is dropped. */
  #reasoningStarted = false;

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
            this.#state = 'text';
          }
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

  /** The content ended: what was held back is what it looked like (a cut `<think>` is text, a cut `</think>` reasoning). */
  end(): ContentPart[] {
    const held = this.#held;
    this.#held = '';
    if (held === '') return [];
    if (this.#state === 'thinking') return [{ kind: 'reasoning', text: held }];
    return held.trim() === '' ? [] : [{ kind: 'text', text: held }];
  }

  #reason(text: string, out: ContentPart[]): void {
    const t = this.#reasoningStarted ? text : text.trimStart();
    if (t === '') return;
    this.#reasoningStarted = true;
    out.push({ kind: 'reasoning', text: t });
  }
}
