// Where a proxied request goes: `/v1/<tail>` maps to `{base_url}/<tail>`
// without doubling `/v1`, the client's query string kept and the provider's
// `query_params` added where the client did not set them. `..` segments are
// resolved before the mapping (the URL parser does it, `%2e%2e` included); a
// segment that would turn into a separator or `..` only once the provider
// decodes it (`..%2f..`, `%5c`) is refused, so no path leaves `base_url`.
import type { ModelProviderInfo } from '../config/types.js';

export type Route =
  /** `origin`: scheme://host:port; `path`: path and query string for the upstream request. */
  | { readonly kind: 'upstream'; readonly origin: string; readonly path: string }
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

/**
 * The upstream for a request. `providerParams` false leaves out the provider's
 * `query_params` (they may carry a key; see guard.ts for who gets them).
 */
export function route(provider: ModelProviderInfo, requestUrl: string, providerParams = true): Route {
  let incoming: URL;
  try {
    incoming = new URL(requestUrl, 'http://proxy.invalid');
  } catch {
    return { kind: 'bad-path', reason: 'unparsable request target' };
  }
  const tail = v1Tail(incoming.pathname);
  if (tail === undefined) return { kind: 'not-proxied', pathname: incoming.pathname };
  for (const segment of tail.split('/')) {
    const reason = unsafeSegment(segment);
    if (reason) return { kind: 'bad-path', reason };
  }
  const base = new URL(provider.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  // The client's query string goes on byte for byte (`flag` is not `flag=`, `%20` is not `+`);
  // the provider's query_params are appended where the client did not set them.
  const sent = new URLSearchParams(incoming.search);
  const added = new URLSearchParams();
  if (providerParams) for (const [k, v] of Object.entries(provider.queryParams)) if (!sent.has(k)) added.set(k, v);
  const qs = [incoming.search.slice(1), added.toString()].filter(Boolean).join('&');
  return { kind: 'upstream', origin: base.origin, path: `${basePath}${tail}${qs ? `?${qs}` : ''}` || '/' };
}
