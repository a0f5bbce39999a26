// Link reference definitions (`[label]: url "title"`) for a document parsed in
// pieces: CommonMark makes them global (the first definition of a label wins,
// and a link may come before its definition), so a streamed document passes on
// the ones its earlier text made and notices when one changes under text it has
// already drawn.
import type { Links, Token, Tokens } from './parser.js';

/** The definitions inside a top-level block (quotes and list items may hold them), in order. */
export function definitionsIn(token: Token): Tokens.Def[] {
  switch (token.type) {
    case 'def':
      return [token as Tokens.Def];
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap(definitionsIn);
    case 'list':
      return (token as Tokens.List).items.flatMap(definitionsIn);
    case 'list_item':
      return (token as Tokens.ListItem).tokens.flatMap(definitionsIn);
    default:
      return [];
  }
}

/** Adds definitions whose label `links` lacks (the first one wins). */
export function addDefinitions(links: Links, defs: readonly Tokens.Def[]): void {
  for (const d of defs) links[d.tag] ??= { href: d.href, title: d.title };
}

/** Labels defined differently (or only) in one of `a` and `b`. */
export function changedLabels(a: Links, b: Links): string[] {
  const labels = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...labels].filter((l) => a[l]?.href !== b[l]?.href || a[l]?.title !== b[l]?.title);
}

/**
 * Whether source text may use one of `labels` (labels are normalised as the
 * parser does: trimmed, spaces collapsed, case folded). Every use (`[t][l]`,
 * `[l][]`, `[l]`) has `[label]` in it; a false yes only costs a re-parse.
 */
export function mayUse(raw: string, labels: readonly string[]): boolean {
  const text = raw.replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase().replace(/\[ /g, '[').replace(/ \]/g, ']');
  return labels.some((l) => text.includes(`[${l}]`));
}
