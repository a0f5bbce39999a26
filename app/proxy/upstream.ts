// Where a proxied request goes: `/v1/<tail>` maps to `{base_url}/<tail>`
// without doubling `/v1`, the client's query string kept and the provider's
// `query_params` added where the client did not set them.
import type { ModelProviderInfo } from '../config/types.js';

export interface UpstreamTarget {
  /** scheme://host:port */
  readonly origin: string;
  /** Path and query string for the upstream request. */
  readonly path: string;
}

/** The tail after `/v1`, or undefined when the path is not under `/v1`. */
export function v1Tail(pathname: string): string | undefined {
  if (pathname === '/v1' || pathname === '/v1/') return '';
  return pathname.startsWith('/v1/') ? pathname.slice(3) : undefined;
}

export function upstreamTarget(provider: ModelProviderInfo, requestUrl: string): UpstreamTarget | undefined {
  const incoming = new URL(requestUrl, 'http://proxy.invalid');
  const tail = v1Tail(incoming.pathname);
  if (tail === undefined) return undefined;
  const base = new URL(provider.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  // The client's query string goes on byte for byte (`flag` is not `flag=`, `%20` is not `+`);
  // the provider's query_params are appended where the client did not set them.
  const sent = new URLSearchParams(incoming.search);
  const added = new URLSearchParams();
  for (const [k, v] of Object.entries(provider.queryParams)) if (!sent.has(k)) added.set(k, v);
  const qs = [incoming.search.slice(1), added.toString()].filter(Boolean).join('&');
  return { origin: base.origin, path: `${basePath}${tail}${qs ? `?${qs}` : ''}` || '/' };
}
