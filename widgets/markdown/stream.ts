// A growing markdown document (an assistant answer arriving as deltas).
// Appending only records the text; the next render re-parses from the start of
// the trailing open block, so a frame costs that block, whatever the number of
// deltas since the last one. A top-level block counts as finished once another
// block has started after it on a complete line (no later text can change it
// then); finished blocks are parsed once and rendered once per width. The
// items of a top-level list count as blocks of their own, so a long list costs
// its last item per frame, not the whole list. The text before the finished
// blocks' end is let go, so no frame copies the whole answer. Code blocks
// highlight in the background; each step redraws only its own block.
import type { Line } from '../base/types.js';
import { CodeRows } from './code.js';
import { CodeHighlight, highlighterFor } from './highlight.js';
import { addDefinitions, changedLabels, definitionsIn, mayUse } from './links.js';
import { cancelReady, lexBlocks, type Links, type Token, type Tokens } from './parser.js';
import { gapBefore, type Highlight, isDrawn, listMarker, renderBlock, renderListItem, renderPlain } from './render.js';

/** Turns a rendered row into the row shown (a cell's bullet, indent, dimming); cached with it. */
export type RowDecorator = (row: Line, index: number) => Line;

interface Block {
  token: Token;
  /** Offset of the block in the (normalised) text. */
  start: number;
  /** A blank line separates it from the block before. */
  blank: boolean;
  /** An item of a top-level list: the list, and the item's place in it (counting items parsed before). */
  item?: { list: Tokens.List; index: number };
}

interface WidthCache {
  /** Rows of the first `count` finished blocks. */
  rows: Line[];
  count: number;
  /** Where each cached block's rows start (a gap row belongs to the block after it). */
  at: number[];
}

export class MarkdownDocument {
  private source = '';
  /**
   * The text as parsed (carriage returns dropped) from offset `base` on: the
   * line before the first unfinished block and after. Finished text is let go,
   * so appending to it and slicing the open block never copy the whole answer.
   */
  private md = '';
  private base = 0;
  private done: Block[] = [];
  private open: Block[] = [];
  /** Link definitions in the text before the next parse's start (finished text). */
  private links: Links = {};
  /** All link definitions as of the last parse: finished blocks were drawn with them. */
  private seen: Links = {};
  /** Text appended since the last parse. */
  private dirty = false;
  private caches = new Map<number, WidthCache>();
  /** Highlighters by `<block start>:<code block index in it>`. */
  private highlighters = new Map<string, CodeHighlight | null>();
  /** Drawn rows of each code block's lines, by the same key. */
  private codeRows = new Map<string, CodeRows>();
  private readonly parserReady = (): void => this.onUpdate();

  /**
   * `onUpdate` is called when rows changed without an append: the parser or a
   * highlight step became ready (the owner redraws).
   */
  constructor(text = '', private readonly decorate: RowDecorator = (row) => row, private readonly onUpdate: () => void = () => undefined) {
    if (text) this.append(text);
  }

  get text(): string {
    return this.source;
  }

  append(delta: string): void {
    if (!delta) return;
    this.source += delta;
    this.md += delta.replace(/\r/g, '');
    this.dirty = true;
  }

  /** Replaces the whole text (e.g. the final message differs from the deltas). */
  setText(text: string): void {
    if (text === this.source) return;
    if (text.startsWith(this.source)) {
      this.append(text.slice(this.source.length));
      return;
    }
    this.source = '';
    this.reset();
    this.highlighters.clear();
    this.codeRows.clear();
    this.append(text);
  }

  /** Forgets the parse: the next one starts from the beginning of the text (code blocks keep their highlighting). */
  private reset(): void {
    this.md = this.source.replace(/\r/g, '');
    this.base = 0;
    this.done = [];
    this.open = [];
    this.links = {};
    this.seen = {};
    this.caches.clear();
    this.dirty = true;
  }

  /** Re-parses from the first unfinished block; false while the parser is loading. */
  private parse(): boolean {
    if (!this.dirty) return true;
    const end = this.base + this.md.length;
    const from = this.open[0]?.start ?? end - this.tailLength();
    const tokens = lexBlocks(this.md.slice(from - this.base), this.parserReady, this.links);
    if (!tokens) return false;
    cancelReady(this.parserReady);
    this.dirty = false;
    const complete = this.base + this.md.lastIndexOf('\n') + 1;
    const blocks: Block[] = [];
    let at = from;
    // An open block knows whether a blank line came before it, even past blocks not drawn (a link definition).
    let blank = this.open[0]?.blank ?? this.blankBefore(from);
    // Re-parsing from an item of a list continues that list: its items count on.
    const cont = this.open[0]?.item;
    // Where each definition (or block holding some) ends, in order.
    const defs: { end: number; token: Token }[] = [];
    for (const t of tokens) {
      if (t.type === 'def' || t.type === 'blockquote') defs.push({ end: at + t.raw.length, token: t });
      if (t.type === 'list') {
        const list = t as Tokens.List;
        const base = cont && at === from ? cont : { list, index: 0 };
        let pos = 0;
        list.items.forEach((item, i) => {
          const off = list.raw.indexOf(item.raw, pos);
          const start = at + (off < 0 ? pos : off);
          pos = (off < 0 ? pos : off) + item.raw.length;
          blocks.push({ token: item, start, blank: i ? this.blankBefore(start) : blank, item: { list: base.list, index: base.index + i } });
          defs.push({ end: start + item.raw.length, token: item });
        });
      } else if (isDrawn(t)) blocks.push({ token: t, start: at, blank });
      blank = t.type === 'space' || (blank && !isDrawn(t));
      at += t.raw.length;
    }
    // Every block before the last one that starts on a complete line is finished.
    let k = 0;
    while (k + 1 < blocks.length && blocks[k + 1]!.start < complete) k++;
    const drawnBefore = this.done.length;
    this.done.push(...blocks.slice(0, k));
    this.open = blocks.slice(k);
    // A definition added or changed since the last parse may be used by a block drawn before it: parse all again.
    const changed = changedLabels(this.seen, tokens.links);
    if (changed.length && this.done.slice(0, drawnBefore).some((b) => mayUse(b.token.raw, changed))) {
      this.reset();
      return this.parse();
    }
    this.seen = tokens.links;
    // The next parse starts at its first open block: the definitions before it are final.
    const next = this.open[0]?.start ?? end - this.tailLength();
    for (const d of defs) if (d.end <= next) addDefinitions(this.links, definitionsIn(d.token));
    this.forget();
    return true;
  }

  /**
   * Drops the text before the line that precedes both the first unfinished
   * block and the end of the last finished one (the next parse starts at one
   * of them and asks whether the line before it is blank).
   */
  private forget(): void {
    const first = this.open[0];
    const last = this.done[this.done.length - 1];
    if (!first || !last) return;
    const anchor = Math.min(first.start, last.start + last.token.raw.length) - this.base;
    if (anchor < 2) return;
    const keep = this.md.lastIndexOf('\n', anchor - 2) + 1;
    if (keep > 0) {
      this.md = this.md.slice(keep);
      this.base += keep;
    }
  }

  /** Length of the text after the last finished block (all of it before the first parse). */
  private tailLength(): number {
    const last = this.done[this.done.length - 1];
    return last ? this.base + this.md.length - (last.start + last.token.raw.length) : this.md.length;
  }

  /** Whether the line before offset `at` (a line start) is blank. */
  private blankBefore(at: number): boolean {
    const i = at - this.base;
    if (i < 2 || this.md[i - 1] !== '\n') return false;
    const prev = this.md.lastIndexOf('\n', i - 2);
    return /^[ \t]*$/.test(this.md.slice(prev + 1, i - 1));
  }

  /** The highlighter lookup for the code blocks of the block at `start`, in the order they render. */
  private highlight(start: number): Highlight {
    let n = 0;
    return (lang, lines) => {
      const key = `${start}:${n++}`;
      let h = this.highlighters.get(key);
      if (h === undefined || (h && h.tag !== lang)) {
        h = highlighterFor(lang, () => this.highlighted(start)) ?? null;
        this.highlighters.set(key, h);
        this.codeRows.set(key, new CodeRows());
      }
      return { spans: h ? h.lines(lines) : [], rows: this.codeRows.get(key)! };
    };
  }

  /** A highlight step finished for the block at `start`: its cached rows are stale. */
  private highlighted(start: number): void {
    for (const cache of this.caches.values()) {
      const i = this.done.findIndex((b) => b.start === start);
      if (i >= 0 && i < cache.count) {
        cache.rows.length = cache.at[i]!;
        cache.at.length = i;
        cache.count = i;
      }
    }
    this.onUpdate();
  }

  /** All rows at `width`, decorated; finished blocks come from the cache. */
  render(width: number): Line[] {
    // Before the first parse nothing was let go: md is the whole text.
    if (!this.parse()) return renderPlain(this.md, width).map(this.decorate);
    let cache = this.caches.get(width);
    if (!cache) {
      // Keep only the most recent widths: a resize makes the old ones useless.
      if (this.caches.size >= 2) this.caches.delete(this.caches.keys().next().value!);
      cache = { rows: [], count: 0, at: [] };
      this.caches.set(width, cache);
    }
    for (; cache.count < this.done.length; cache.count++) {
      cache.at.push(cache.rows.length);
      this.push(cache.rows, this.done[cache.count - 1], this.done[cache.count]!, width);
    }
    if (!this.open.length) return cache.rows;
    const rows = cache.rows.slice();
    let before = this.done[this.done.length - 1];
    for (const b of this.open) {
      this.push(rows, before, b, width);
      before = b;
    }
    return rows;
  }

  private push(rows: Line[], before: Block | undefined, b: Block, width: number): void {
    const sameList = before?.item && b.item && before.item.list === b.item.list;
    if (sameList ? b.blank : gapBefore(before?.token, b.token, b.blank)) rows.push(this.decorate([], rows.length));
    const hl = this.highlight(b.start);
    const drawn = b.item ? renderListItem(b.token as Tokens.ListItem, this.marker(b.item), width, hl) : renderBlock(b.token, width, hl);
    for (const row of drawn) rows.push(this.decorate(row, rows.length));
  }

  private marker({ list, index }: { list: Tokens.List; index: number }): string {
    return listMarker(list, (typeof list.start === 'number' ? list.start : 1) + index, 0);
  }
}
