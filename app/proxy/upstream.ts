// Where a proxied request goes: `/v1/<tail>` maps to `{base_url}/<tail>`
// without doubling `/v1`, the client's query string kept and the provider's
// `query_params` added where the client did not set them. `..` segments are
// resolved before the mapping (the URL parser does it, `%2e%2e` included); a
// segment that would turn into a separator or `..` only once the provider
// decodes it (`..%2f..`, `%5c`) is refused, so no path leaves `base_url`.
import type { ModelProviderInfo } from '../config/types.js';

export type Route =
  /** `path`: path and query string for the upstream request (on the router's origin). */
  | { readonly kind: 'upstream'; readonly path: string }
  | { readonly kind: 'not-proxied'; readonly pathname: string }
  | { readonly kind: 'bad-path'; readonly reason: string };

/** The tail after `/v1`, or undefined when the path is not under `/v1`. */
export function v1Tail(pathname: string): string | undefined {
  if (pathname === '/v1' || pathname === '/v1/') return '';
  return pathname.startsWith('/v1/') ? pathname.slice(3) : undefined;
}

/** Why a path segment is unsafe to forward once decoded, or undefined when it is fine. */
function unsafeSegment(segment: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return `malformed percent-encoding in '${segment}'`;
  }
  if (decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return `encoded path separator or dot segment in '${segment}'`;
  return undefined;
}

// A request target the URL parser would return unchanged: a /v1 path of plain
// characters (no `%`, `\`, dot segments) and a query with nothing the parser
// re-encodes (space, quotes, `<>`, `#`, controls, non-ASCII). Most requests are
// such, and skip the parser; the rest take it.
const PLAIN = /^\/v1(?:\/[\w\-.~!$&'()*+,;=:@/]*)?(?:\?[\x21\x24-\x26\x28-\x3b\x3d\x3f-\x7e]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/;

/**
 * `requestUrl` as pathname and search (with its `?`), as the URL parser reads
 * it; undefined when it cannot. `plain`: no segment can decode to anything else.
 */
function splitTarget(requestUrl: string): { pathname: string; search: string; plain: boolean } | undefined {
  if (PLAIN.test(requestUrl) && !DOT_SEGMENT.test(requestUrl)) {
    const q = requestUrl.indexOf('?');
    return q < 0 ? { pathname: requestUrl, search: '', plain: true } : { pathname: requestUrl.slice(0, q), search: requestUrl.slice(q), plain: true };
  }
  try {
    const url = new URL(requestUrl, 'http://proxy.invalid');
    return { pathname: url.pathname, search: url.search, plain: false };
  } catch {
    return undefined;
  }
}

/**
 * Routes requests to `provider`: the base URL is parsed once. `providerParams`
 * false leaves out the provider's `query_params` (they may carry a key; see
 * guard.ts for who gets them).
 */
export function router(provider: ModelProviderInfo): { readonly origin: URL; route(requestUrl: string, providerParams: boolean): Route } {
  const origin = new URL(provider.baseUrl);
  const basePath = origin.pathname.replace(/\/+$/, '');
  const params = Object.entries(provider.queryParams);
  return {
    origin,
    route(requestUrl, providerParams) {
      const incoming = splitTarget(requestUrl);
      if (!incoming) return { kind: 'bad-path', reason: 'unparsable request target' };
      const tail = v1Tail(incoming.pathname);
      if (tail === undefined) return { kind: 'not-proxied', pathname: incoming.pathname };
      // A plain target has no `%`, `\\` or dot segment: nothing to decode into a separator.
      if (!incoming.plain) {
        for (const segment of tail.split('/')) {
          const reason = unsafeSegment(segment);
          if (reason) return { kind: 'bad-path', reason };
        }
      }
      // The client's query string goes on byte for byte (`flag` is not `flag=`, `%20` is not `+`);
      // the provider's query_params are appended where the client did not set them.
      let qs = incoming.search.slice(1);
      if (providerParams && params.length) {
        const sent = new URLSearchParams(qs);
        const added = new URLSearchParams();
        for (const [k, v] of params) if (!sent.has(k)) added.set(k, v);
        qs = [qs, added.toString()].filter(Boolean).join('&');
      }
      return { kind: 'upstream', path: `${basePath}${tail}${qs ? `?${qs}` : ''}` || '/' };
    },
  };
}
