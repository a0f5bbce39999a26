// Pure parser for the apply_patch format (reference §4.4). It turns patch text
// into hunks or throws PatchParseError whose message is what the model sees.
// Lenient like the original: markers are compared trimmed, a heredoc wrapper
// (`<<'EOF'` … `EOF`) around the whole patch is stripped.

export interface UpdateChunk {
  /** Texts after `@@ `: lines to seek, in order, before the old lines (e.g. `def foo():`). */
  readonly contexts: readonly string[];
  readonly oldLines: readonly string[];
  readonly newLines: readonly string[];
  /** `*** End of File` closed the chunk: the old lines sit at the end of the file. */
  readonly isEndOfFile: boolean;
}

export type Hunk =
  | { readonly kind: 'add'; readonly path: string; readonly contents: string }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'update'; readonly path: string; readonly movePath?: string; readonly chunks: readonly UpdateChunk[] };

export class PatchParseError extends Error {
  override name = 'PatchParseError';
  /** 1-based line of the (unwrapped) patch the error points at, when it is about a hunk. */
  readonly line?: number;
  constructor(message: string, line?: number) {
    super(line === undefined ? `invalid patch: ${message}` : `invalid hunk at line ${line}, ${message}`);
    if (line !== undefined) this.line = line;
  }
}

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const EOF_MARKER = '*** End of File';
const HEREDOC_OPENERS: readonly string[] = ['<<EOF', "<<'EOF'", '<<"EOF"'];

/** Splits like Rust's `str::lines`: on `\n`, a trailing `\r` dropped, no empty last line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function boundaryError(lines: readonly string[]): PatchParseError | undefined {
  const first = lines[0]?.trim();
  const last = lines[lines.length - 1]?.trim();
  if (first !== BEGIN) return new PatchParseError("The first line of the patch must be '*** Begin Patch'");
  if (lines.length < 2 || last !== END) return new PatchParseError("The last line of the patch must be '*** End Patch'");
  return undefined;
}

/** The patch's lines with Begin/End markers checked (and a heredoc wrapper removed). */
function patchBody(text: string): string[] {
  const lines = splitLines(text.trim());
  const strict = boundaryError(lines);
  if (!strict) return lines;
  const first = lines[0] ?? '';
  const last = lines[lines.length - 1] ?? '';
  if (HEREDOC_OPENERS.includes(first) && last.endsWith('EOF') && lines.length >= 4) {
    const inner = lines.slice(1, -1);
    const err = boundaryError(inner);
    if (err) throw err;
    return inner;
  }
  throw strict;
}

export function parsePatch(text: string): Hunk[] {
  const lines = patchBody(text);
  const hunks: Hunk[] = [];
  // Line numbers are 1-based; line 1 is `*** Begin Patch`.
  let i = 1;
  const end = lines.length - 1;
  while (i < end) {
    const { hunk, next } = parseHunk(lines, i, end);
    hunks.push(hunk);
    i = next;
  }
  return hunks;
}

/**
 * The path after a hunk marker. A path ending in `/` names a directory: taken
 * as a file path (resolution drops the slash), it would turn that directory's
 * name into a file, so it is refused.
 */
function filePath(header: string, marker: string, lineNo: number): string {
  const path = header.slice(marker.length);
  if (path.endsWith('/')) {
    throw new PatchParseError(`'${path}' ends in '/', which names a directory; apply_patch adds, updates, moves and deletes files only`, lineNo);
  }
  return path;
}

function parseHunk(lines: readonly string[], start: number, end: number): { hunk: Hunk; next: number } {
  const header = (lines[start] ?? '').trim();
  const lineNo = start + 1;
  if (header.startsWith(ADD)) {
    let contents = '';
    let i = start + 1;
    for (; i < end; i++) {
      const line = lines[i] ?? '';
      if (!line.startsWith('+')) break;
      contents += `${line.slice(1)}\n`;
    }
    return { hunk: { kind: 'add', path: filePath(header, ADD, lineNo), contents }, next: i };
  }
  if (header.startsWith(DELETE)) {
    return { hunk: { kind: 'delete', path: filePath(header, DELETE, lineNo) }, next: start + 1 };
  }
  if (header.startsWith(UPDATE)) {
    const path = filePath(header, UPDATE, lineNo);
    let i = start + 1;
    let movePath: string | undefined;
    const maybeMove = lines[i]?.trim();
    if (i < end && maybeMove !== undefined && maybeMove.startsWith(MOVE)) {
      movePath = filePath(maybeMove, MOVE, i + 1);
      i++;
    }
    const chunks: UpdateChunk[] = [];
    while (i < end) {
      const line = lines[i] ?? '';
      if (line.trim() === '') { i++; continue; } // blank lines between chunks
      if (line.startsWith('***')) break; // the next hunk header
      const parsed = parseChunk(lines, i, end, chunks.length === 0);
      chunks.push(parsed.chunk);
      i = parsed.next;
    }
    if (chunks.length === 0) throw new PatchParseError(`Update file hunk for path '${path}' is empty`, lineNo);
    return { hunk: { kind: 'update', path, ...(movePath !== undefined ? { movePath } : {}), chunks }, next: i };
  }
  throw new PatchParseError(
    `'${header}' is not a valid hunk header. Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'`,
    lineNo,
  );
}

function parseChunk(
  lines: readonly string[], start: number, end: number, allowMissingContext: boolean,
): { chunk: UpdateChunk; next: number } {
  const first = lines[start] ?? '';
  const contexts: string[] = [];
  let i = start;
  // Stacked markers narrow down step by step: `@@ class Store` then `@@     def load(self):`.
  for (let line = first; i < end && (line.trim() === '@@' || line.startsWith('@@ ')); line = lines[++i] ?? '') {
    if (line.trim() !== '@@') contexts.push(line.slice(3));
  }
  if (i === start && !allowMissingContext) {
    throw new PatchParseError(`Expected update hunk to start with a @@ context marker, got: '${first}'`, start + 1);
  }
  if (i >= end) throw new PatchParseError('Update hunk does not contain any lines', i + 1);
  const oldLines: string[] = [];
  const newLines: string[] = [];
  let isEndOfFile = false;
  let count = 0;
  for (; i < end; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === EOF_MARKER) {
      if (count === 0) throw new PatchParseError('Update hunk does not contain any lines', i + 1);
      isEndOfFile = true;
      i++;
      break;
    }
    const tag = line[0];
    if (tag === undefined) { // a completely empty line is an empty context line
      oldLines.push('');
      newLines.push('');
    } else if (tag === ' ') {
      oldLines.push(line.slice(1));
      newLines.push(line.slice(1));
    } else if (tag === '+') {
      newLines.push(line.slice(1));
    } else if (tag === '-') {
      oldLines.push(line.slice(1));
    } else {
      if (count === 0) {
        throw new PatchParseError(
          `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
          i + 1,
        );
      }
      break; // the start of the next chunk or hunk
    }
    count++;
  }
  return { chunk: { contexts, oldLines, newLines, isEndOfFile }, next: i };
}
