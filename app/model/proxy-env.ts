// HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case), as curl and the original
// (reqwest) honour them. Pure: which proxy, if any, a URL goes through, and
// the credentials header for it.
import { ModelError } from './errors.js';

const pick = (env: NodeJS.ProcessEnv, names: string[]) =>
  names.map((n) => [n, env[n]?.trim()] as const).find(([, v]) => v);

/** Splits a NO_PROXY entry into host and optional port: `h`, `h:p`, `[v6]`, `[v6]:p`, bare `v6`. */
function entryParts(entry: string): [string, string | undefined] {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (v6) return [v6[1]!, v6[2]];
  const colons = entry.split(':').length - 1;
  if (colons !== 1) return [entry, undefined];
  const [h, p] = entry.split(':') as [string, string];
  return [h, p];
}

/** NO_PROXY: `*`, or host names / domain suffixes (`example.com`, `.example.com`, `*.example.com`), each optionally `:port`. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const [h, p] = entryParts(entry);
    const name = h.replace(/^\*?\./, '');
    if (name && (!p || p === port) && (host === name || host.endsWith(`.${name}`))) return true;
  }
  return false;
}

/** `Proxy-Authorization` for credentials in the proxy URL (`http://user:pass@proxy:3128`). */
export function proxyAuth(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(user).toString('base64')}` };
}

/** Loopback is never proxied (as Go's ProxyFromEnvironment does): local models and mocks stay direct. */
function isLoopback(url: URL): boolean {
  const h = url.hostname.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '[::1]';
}

/** The proxy for `url` per the environment, or undefined for a direct connection. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const found = url.protocol === 'https:' ? pick(env, ['HTTPS_PROXY', 'https_proxy']) : pick(env, ['HTTP_PROXY', 'http_proxy']);
  if (!found || isLoopback(url)) return undefined;
  if (bypassesProxy(url, pick(env, ['NO_PROXY', 'no_proxy'])?.[1])) return undefined;
  const [name, value] = found;
  let proxy: URL;
  try {
    proxy = new URL(value!.includes('://') ? value! : `http://${value}`);
  } catch {
    throw new ModelError('fatal', `${name}: not a URL: "${value}"`);
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new ModelError('fatal', `${name}: ${proxy.protocol}// proxies are not supported; use an http:// or https:// proxy`);
  }
  return proxy;
}
