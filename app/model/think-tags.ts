// Reasoning some chat servers send inside the message itself: Ollama and vLLM
// serving DeepSeek-R1 or Qwen3 without a reasoning parser stream
// `<think>…</think>` at the start of the content, then the answer. Split
// while streaming, tags cut anywhere across deltas; only a message that
// starts with `<think>` (after blank space) has any: a tag later in an answer
// is text.
//
// Some templates open the block themselves (QwQ, newer DeepSeek-R1): the
// content is then `reasoning\n</think>\n\nanswer`. Such a `</think>` counts
// only as the first markup of the message, on a line of its own: no `<` or
// backquote before it, a line break (or the start) before it and a line break
// (or the end) after it. Anything else (`</think>` quoted, mid-sentence, after
// other tags) is an answer mentioning it. Until it comes nothing tells the
// reasoning from an answer, so that text streams as answer text and is given
// back as reasoning when the tag proves it was (a `reclassify` part).
const OPEN = '<think>';
const CLOSE = '</think>';

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
  #state: State = 'start';
  /** Content held back until it is known what it is. */
  #held = '';
  /** No reasoning sent yet: blank space opening it is dropped. */
  #reasoningStarted = false;
  /** In `unopened`: the text so far ends a line (or there is none). */
  #atLineStart = true;

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
            this.#state = 'unopened';
          }
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

  /** The content ended: what was held back is what it looked like (a cut `<think>` is text, a cut `</think>` reasoning). */
  end(): ContentPart[] {
    const held = this.#held;
    this.#held = '';
    if (held === '') return [];
    if (this.#state === 'thinking') return [{ kind: 'reasoning', text: held }];
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
