// Who may spend the user's key through the proxy. A web page can reach a
// loopback port too: by DNS rebinding (its own host name now resolves to
// 127.0.0.1, so the browser sends `Host: evil.example:PORT`) or by a
// cross-origin fetch or form POST (`Origin:` / `Sec-Fetch-Site:` say so).
// Only requests addressed to the proxy by its own name get the user's
// credentials, and browser requests from other origins are refused unless
// `--allow-cors-any` opted into them. Pure: headers in, verdict out.
import { isIP } from 'node:net';

export interface BoundAddress {
  /** Host names (lower case, IPv6 in brackets) that mean this proxy, beside `localhost`. */
  readonly names: ReadonlySet<string>;
  readonly port: number;
  /** `name:port` for each name: Host headers taken as own without parsing them. */
  readonly hosts: ReadonlySet<string>;
  /** Bound to 0.0.0.0 or ::, so any IP literal may name it (an IP literal cannot be rebound). */
  readonly anyAddress: boolean;
}

export type Verdict =
  /** `ownHost`: addressed to the proxy by its own name, so the user's credentials may be added. */
  | { readonly kind: 'serve'; readonly ownHost: boolean }
  | { readonly kind: 'refuse'; readonly message: string };

/** The host names a proxy listening on `listenHost` (as given to --bind) and `address` answers to. */
export function boundAddress(listenHost: string, address: { address: string; family: string; port: number }): BoundAddress {
  const names = new Set(['localhost']);
  for (const h of [listenHost, address.address]) {
    const name = canonicalHost(isIP(h) === 6 ? `[${h}]` : h);
    if (name) names.add(name);
  }
  const anyAddress = address.address === '0.0.0.0' || address.address === '::';
  const hosts = new Set([...names].map((n) => `${n}:${address.port}`));
  return { names, port: address.port, hosts, anyAddress };
}

/** `host` lower-cased with IP literals in their canonical form (`127.1` is 127.0.0.1), or undefined if it is not a host. */
function canonicalHost(host: string): string | undefined {
  return parseHostPort(host)?.hostname;
}

/** A Host header (or an origin's host part) as hostname and port; undefined when malformed. */
function parseHostPort(value: string, defaultPort = 80): { hostname: string; port: number } | undefined {
  // URL would read `evil@127.0.0.1` as userinfo + host: only host characters pass.
  if (!/^[A-Za-z0-9.\-_:[\]]+$/.test(value)) return undefined;
  try {
    const url = new URL(`http://${value}`);
    return { hostname: url.hostname, port: url.port === '' ? defaultPort : Number(url.port) };
  } catch {
    return undefined;
  }
}

/** Whether a Host header names this proxy: the bound address or localhost, with the bound port. */
export function isOwnHost(host: string | undefined, bound: BoundAddress): boolean {
  if (host !== undefined && bound.hosts.has(host)) return true;
  const parsed = host === undefined ? undefined : parseHostPort(host);
  if (!parsed || parsed.port !== bound.port) return false;
  if (bound.names.has(parsed.hostname)) return true;
  return bound.anyAddress && isIP(parsed.hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/** Whether an `Origin` header is this proxy itself (http, own host and port). */
function isOwnOrigin(origin: string, bound: BoundAddress): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // `null` (sandboxed frames, file:) and garbage are foreign
  }
  return url.protocol === 'http:' && isOwnHost(url.host, bound);
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function judgeRequest(method: string, headers: Headers, bound: BoundAddress, allowCorsAny: boolean): Verdict {
  const ownHost = isOwnHost(one(headers.host), bound);
  if (!allowCorsAny) {
    const origin = one(headers.origin);
    if (method === 'OPTIONS' && headers['access-control-request-method'] !== undefined) {
      return { kind: 'refuse', message: `Cross-origin request from ${origin ?? 'a web page'} refused: CORS preflight requests are answered only with --allow-cors-any.` };
    }
    if (origin !== undefined && !isOwnOrigin(origin, bound)) {
      return { kind: 'refuse', message: `Cross-origin request from ${origin} refused: start the proxy with --allow-cors-any to serve web pages.` };
    }
    // Browsers send it even where they omit Origin (a no-cors GET from <img> or <script>).
    const site = one(headers['sec-fetch-site']);
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return { kind: 'refuse', message: `Cross-site browser request (Sec-Fetch-Site: ${site}) refused: start the proxy with --allow-cors-any to serve web pages.` };
    }
  }
  if (!ownHost && headers.authorization === undefined) {
    const own = [...bound.names].map((n) => `${n}:${bound.port}`).join(' or ');
    const host = one(headers.host);
    return {
      kind: 'refuse',
      message: `${host === undefined ? 'A request without Host' : `Host '${host}'`} is not this proxy (${own}): ` +
        'credentials are added only to requests addressed to it; use that address or send your own Authorization.',
    };
  }
  return { kind: 'serve', ownHost };
}
