// Which headers cross the proxy. Hop-by-hop headers describe one connection,
// not the message, so they never pass (RFC 9110 §7.6.1), nor do the headers a
// `Connection` header names. Headers travel as node's raw lists
// ([name, value, name, value, …], as received): no object per message, and
// node writes a list out without validating and storing each header again.

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

/** A header list as node reads and writes it raw: name, value, name, value, … */
export type RawHeaders = string[];

/** What `forwardable` noticed on the way, for the caller's decisions. */
export interface Noticed {
  /** content-type and content-length values as sent (the first of each). */
  contentType?: string;
  contentLength?: string;
  /** The message had a Transfer-Encoding (its body is framed by it, not by a length). */
  transferEncoding: boolean;
  /** The message carried its own Authorization. */
  authorization: boolean;
}

/** Name lengths worth a closer look (a name of another length passes without being lower-cased). */
const NOTED = ['content-type', 'content-length', 'authorization'];
function lengthsOf(...names: Iterable<string>[]): boolean[] {
  const lengths: boolean[] = [];
  for (const list of names) for (const n of list) lengths[n.length] = true;
  return lengths;
}
const checkedFor = new WeakMap<ReadonlySet<string>, boolean[]>();

/** Appends `raw` to `headers` without hop-by-hop headers, those Connection names, and those in `drop` (lower case). */
export function forwardable(raw: readonly string[], drop: ReadonlySet<string>, headers: RawHeaders = []): { headers: RawHeaders; noticed: Noticed } {
  let named: Set<string> | undefined;
  let namedLengths: number[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 10 && raw[i]!.toLowerCase() === 'connection') {
      for (const token of raw[i + 1]!.split(',')) {
        const t = token.trim().toLowerCase();
        (named ??= new Set()).add(t);
        (namedLengths ??= []).push(t.length);
      }
    }
  }
  let checked = checkedFor.get(drop);
  if (!checked) checkedFor.set(drop, (checked = lengthsOf(HOP_BY_HOP, NOTED, drop)));
  const noticed: Noticed = { transferEncoding: false, authorization: false };
  for (let i = 0; i < raw.length; i += 2) {
    const value = raw[i + 1]!;
    const n = raw[i]!.length;
    if (!checked[n] && !namedLengths?.includes(n)) {
      headers.push(raw[i]!, value);
      continue;
    }
    const name = raw[i]!.toLowerCase();
    if (name === 'transfer-encoding') noticed.transferEncoding = true;
    if (HOP_BY_HOP.has(name) || drop.has(name) || named?.has(name)) continue;
    if (name === 'content-type') noticed.contentType ??= value;
    else if (name === 'content-length') noticed.contentLength ??= value;
    else if (name === 'authorization') noticed.authorization = true;
    headers.push(raw[i]!, value);
  }
  return { headers, noticed };
}

/** Adds the `extra` headers (lower-case names) `headers` lacks: provider headers never override the client. */
export function addMissing(headers: RawHeaders, extra: readonly (readonly [string, string])[]): void {
  if (extra.length === 0) return;
  const present = new Set<string>();
  for (let i = 0; i < headers.length; i += 2) present.add(headers[i]!.toLowerCase());
  for (const [name, value] of extra) if (!present.has(name.toLowerCase())) headers.push(name, value);
}

// What a field value may hold (RFC 9110 §5.5, as node's own check): no controls but HTAB, nothing past 0xFF.
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** `value`, when it can go out as a header value as it is; else an error naming `what`. */
export function checkHeaderValue(what: string, value: string): string {
  if (BAD_VALUE.test(value)) throw new Error(`${what} has a character not allowed in a header value (a line break or control character)`);
  return value;
}
