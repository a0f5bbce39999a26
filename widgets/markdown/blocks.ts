// Block-level markdown parser, line based and restartable: parseBlocks(lines,
// from, context) parses from any block boundary, so a growing document only
// re-parses its trailing open block. Supported: ATX headings, paragraphs (line
// breaks kept, as model output means them), bullet and ordered list items with
// nesting and continuation lines, block quotes (parsed recursively when
// rendered), fenced code with a language, horizontal rules, pipe tables (also
// without the outer pipes, recognised by their delimiter row), and setext
// headings (a paragraph underlined with === or ---).

export interface ListFrame {
  /** Source column of the marker. */
  indent: number;
  /** Display column where this item's text starts (children align under it). */
  textCol: number;
  ordered: boolean;
  number: number;
}

interface BlockBase {
  /** First and one-past-last source line. */
  start: number;
  end: number;
  /** A blank line separated this block from the previous one in the source. */
  blankBefore: boolean;
}

export type Block = BlockBase &
  (
    | { kind: 'heading'; level: number; text: string }
    | { kind: 'paragraph'; lines: string[] }
    | { kind: 'list_item'; marker: string; depth: number; visualIndent: number; lines: string[]; stack: ListFrame[] }
    | { kind: 'quote'; lines: string[] }
    | { kind: 'code'; lang: string; indent: number; lines: string[]; closed: boolean }
    | { kind: 'rule' }
    | { kind: 'table'; lines: string[] }
  );

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^( *)(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const QUOTE = /^ {0,3}> ?/;
const TABLE = /^ *\|/;
/** The `--- | :-:` row under a table header without outer pipes (two columns at least). */
const DELIMITER_ROW = /^ *\|? *:?-{3,}:? *(\| *:?-{3,}:? *)+\|? *$/;
const SETEXT = /^ {0,3}(={3,}|-{3,})[ \t]*$/; // three at least: a streaming "- " is a list item on its way
const LIST = /^( *)([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*)|$)/;

const BULLETS = ['•', '◦', '▪'];

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function startsBlock(line: string): boolean {
  return HEADING.test(line) || RULE.test(line) || FENCE.test(line) || QUOTE.test(line) || TABLE.test(line) || LIST.test(line);
}

/** Columns of leading whitespace, tabs counted as 4. */
function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

function stripIndent(line: string, cols: number): string {
  let i = 0;
  let n = 0;
  while (i < line.length && n < cols && (line[i] === ' ' || line[i] === '\t')) {
    n += line[i] === '\t' ? 4 : 1;
    i++;
  }
  return line.slice(i);
}

/**
 * Parses `lines` from index `from` to the end. `prev` is the block just before
 * `from` (if any), which carries the list nesting context.
 */
export function parseBlocks(lines: readonly string[], from = 0, prev?: Block): Block[] {
  const blocks: Block[] = [];
  let stack: ListFrame[] = prev?.kind === 'list_item' ? prev.stack : [];
  let i = from;
  let blank = false;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      blank = true;
      i++;
      continue;
    }
    const start = i;
    const base = { start, blankBefore: blank && blocks.length + (prev ? 1 : 0) > 0 };
    blank = false;
    let m: RegExpExecArray | null;
    if ((m = FENCE.exec(line))) {
      const indent = m[1]!.length;
      const fence = m[2]!;
      const body: string[] = [];
      let closed = false;
      i++;
      while (i < lines.length) {
        const l = lines[i]!;
        const t = l.trim();
        if (t.length >= fence.length && t[0] === fence[0] && /^(`+|~+)$/.test(t) && indentOf(l) <= indent + 3) {
          closed = true;
          i++;
          break;
        }
        body.push(stripIndent(l, indent).replace(/\t/g, '    '));
        i++;
      }
      blocks.push({ ...base, end: i, kind: 'code', lang: m[3] ?? '', indent: Math.min(indent, 8), lines: body, closed });
      stack = [];
      continue;
    }
    if ((m = HEADING.exec(line))) {
      blocks.push({ ...base, end: i + 1, kind: 'heading', level: m[1]!.length, text: (m[2] ?? '').trim() });
      stack = [];
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ ...base, end: i + 1, kind: 'rule' });
      stack = [];
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(lines[i++]!.replace(QUOTE, ''));
      blocks.push({ ...base, end: i, kind: 'quote', lines: body });
      stack = [];
      continue;
    }
    if (TABLE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && TABLE.test(lines[i]!)) body.push(lines[i++]!.trim());
      blocks.push({ ...base, end: i, kind: 'table', lines: body });
      stack = [];
      continue;
    }
    if (line.includes('|') && DELIMITER_ROW.test(lines[i + 1] ?? '')) {
      const body: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!) && lines[i]!.includes('|')) body.push(lines[i++]!.trim());
      blocks.push({ ...base, end: i, kind: 'table', lines: body });
      stack = [];
      continue;
    }
    if ((m = LIST.exec(line))) {
      const indent = indentOf(m[1]!);
      const raw = m[2]!;
      const ordered = /\d/.test(raw);
      const gap = m[3] ? Math.min(indentOf(m[3]), 4) : 1;
      const contentIndent = indent + raw.length + gap;
      // Pop frames this item is not nested in; a sibling replaces its frame.
      while (stack.length && stack[stack.length - 1]!.indent > indent) stack = stack.slice(0, -1);
      const sibling = stack.length && stack[stack.length - 1]!.indent === indent ? stack[stack.length - 1] : undefined;
      const parents = sibling ? stack.slice(0, -1) : stack;
      const depth = parents.length;
      const visualIndent = depth ? parents[depth - 1]!.textCol : 0;
      const number = ordered ? (sibling?.ordered ? sibling.number + 1 : parseInt(raw, 10)) : 0;
      const marker = ordered ? `${number}${raw.endsWith(')') ? ')' : '.'}` : BULLETS[Math.min(depth, BULLETS.length - 1)]!;
      stack = [...parents, { indent, textCol: visualIndent + marker.length + 1, ordered, number }];
      const body = [m[4] ?? ''];
      i++;
      // Continuation: lazy lines, and indented paragraphs after blank lines.
      while (i < lines.length) {
        const l = lines[i]!;
        if (!isBlank(l)) {
          if (startsBlock(l)) break;
          body.push(stripIndent(l, contentIndent).trimStart());
          i++;
          continue;
        }
        let j = i;
        while (j < lines.length && isBlank(lines[j]!)) j++;
        if (j < lines.length && indentOf(lines[j]!) >= contentIndent && !startsBlock(lines[j]!)) {
          body.push('');
          i = j;
          continue;
        }
        break;
      }
      blocks.push({ ...base, end: i, kind: 'list_item', marker, depth, visualIndent, lines: body, stack });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && !isBlank(lines[i]!) && !SETEXT.test(lines[i]!) && (i === start || !startsBlock(lines[i]!))) {
      body.push(lines[i]!.trim());
      i++;
    }
    const underline = i < lines.length ? SETEXT.exec(lines[i]!) : null;
    if (underline) {
      blocks.push({ ...base, end: i + 1, kind: 'heading', level: underline[1]![0] === '=' ? 1 : 2, text: body.join(' ') });
      i++;
    } else blocks.push({ ...base, end: i, kind: 'paragraph', lines: body });
    stack = [];
  }
  return blocks;
}
