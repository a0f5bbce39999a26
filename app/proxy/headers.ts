// Which headers cross the proxy. Hop-by-hop headers describe one connection,
// not the message, so they never pass (RFC 9110 §7.6.1), nor do the headers a
// `Connection` header names. Host is the upstream's business.
import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

export type HeaderMap = Record<string, string | string[]>;

/** Copies `headers` without hop-by-hop headers, those named by Connection, and (for requests) Host. */
export function forwardableHeaders(headers: IncomingHttpHeaders | HeaderMap, opts: { dropHost: boolean }): HeaderMap {
  const named = new Set<string>();
  const connection = headers.connection;
  for (const v of Array.isArray(connection) ? connection : connection ? [connection] : []) {
    for (const token of v.split(',')) named.add(token.trim().toLowerCase());
  }
  const out: HeaderMap = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    if (opts.dropHost && name === 'host') continue;
    out[name] = value;
  }
  return out;
}

/** Adds `extra` headers the client did not send itself (provider headers never override the client). */
export function addMissing(headers: HeaderMap, extra: Readonly<Record<string, string>>): HeaderMap {
  for (const [name, value] of Object.entries(extra)) {
    const key = name.toLowerCase();
    if (!(key in headers)) headers[key] = value;
  }
  return headers;
}
