// The CommonMark/GFM parser (marked's lexer), loaded on first use: its module
// costs ~12 ms of CPU to evaluate, which the start-up path and the first frame
// must not pay. Until it is loaded, markdown renders as its plain source lines
// (readable, and usually gone within a frame); whoever asked gets called back.
import type { Links, Lexer as MarkedLexer, Token, TokensList } from 'marked';

export type { Links, Token, Tokens } from 'marked';

let lexer: typeof MarkedLexer | undefined;
let loading: Promise<void> | undefined;
const waiting = new Set<() => void>();

// gfm: tables, strikethrough, task items, bare URLs. Soft line breaks stay in
// text tokens as '\n' and are kept as breaks when rendered (model output means them).
const OPTIONS = { gfm: true, breaks: false } as const;

/** Starts loading the parser (once); resolves when it is ready. */
export function loadMarkdownParser(): Promise<void> {
  loading ??= import('marked').then((m) => {
    lexer = m.Lexer;
    const calls = [...waiting];
    waiting.clear();
    for (const f of calls) f();
  });
  return loading;
}

/**
 * Block tokens of `text`, or undefined while the parser is loading; `onReady`
 * is then called once when it is (and starts the load if needed). `links`: the
 * link definitions of text before this one (they win over later ones); the
 * result's `links` has them and those `text` adds.
 */
export function lexBlocks(text: string, onReady?: () => void, links?: Links): TokensList | undefined {
  if (lexer && links) {
    const l = new lexer(OPTIONS);
    Object.assign(l.tokens.links, links);
    return l.lex(text);
  }
  if (lexer) return lexer.lex(text, OPTIONS);
  if (onReady) waiting.add(onReady);
  void loadMarkdownParser();
  return undefined;
}

/** Inline tokens of one line of text, or undefined while the parser is loading. */
export function lexInline(text: string): Token[] | undefined {
  if (lexer) return lexer.lexInline(text, OPTIONS);
  void loadMarkdownParser();
  return undefined;
}

/** Stops calling `onReady` (a document that was dropped before the parser loaded). */
export function cancelReady(onReady: () => void): void {
  waiting.delete(onReady);
}
