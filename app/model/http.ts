// The transport: node:http / node:https with keep-alive agents (undici costs
// ~150 ms to load; the model client is on every run's start path). An
// AbortSignal destroys the request and its response at once.
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import * as http from 'node:http';
import { proxyAuth } from './proxy-env.js';

// node:https (and with it tls) loads only for an https endpoint: the local
// mock and Ollama never pay for it.
export type Transport = { request: typeof http.request; agent: HttpAgent; proxy?: URL };

/**
 * A keep-alive transport to `url`'s scheme, through `proxy` when given: CONNECT
 * tunnels for https, absolute-form requests to the proxy for plain http.
 */
export async function createTransport(url: URL, proxy: URL | undefined): Promise<Transport> {
  if (url.protocol === 'https:') {
    const https = await import('node:https');
    const agent = proxy ? (await import('./tunnel.js')).tunnelAgent(proxy) : new https.Agent({ keepAlive: true });
    return { request: https.request, agent };
  }
  if (proxy) {
    const mod = proxy.protocol === 'https:' ? await import('node:https') : http;
    return { request: mod.request, agent: new mod.Agent({ keepAlive: true }), proxy };
  }
  return { request: http.request, agent: new http.Agent({ keepAlive: true }) };
}

/** Where a request for `path` on `origin` goes over `t`: the origin itself, or the forward proxy with the absolute URL as its path. */
export function requestTarget(t: Transport, origin: URL, path: string): http.RequestOptions & { proxyHeaders: Record<string, string> } {
  const to = t.proxy ?? origin;
  const hostname = to.hostname.startsWith('[') ? to.hostname.slice(1, -1) : to.hostname;
  return {
    protocol: to.protocol, hostname, port: to.port, agent: t.agent,
    path: t.proxy ? `${origin.origin}${path}` : path,
    proxyHeaders: t.proxy ? proxyAuth(t.proxy) : {},
  };
}

// One transport per scheme and proxy for the model client, for the life of the process.
const transports = new Map<string, Promise<Transport>>();

function transportFor(url: URL, proxy: URL | undefined): Promise<Transport> {
  const key = `${url.protocol} ${proxy?.href ?? 'direct'}`;
  let t = transports.get(key);
  if (!t) {
    t = createTransport(url, proxy);
    transports.set(key, t);
  }
  return t;
}

export interface SendOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Gives up on connecting/waiting for the response head after this long. */
  timeoutMs?: number;
  /** HTTP(S) proxy to go through (see proxy-env.ts). */
  proxy?: URL;
}

/** Sends a request; resolves with the response head (the body is still to be read). */
export async function send(url: URL, o: SendOptions): Promise<IncomingMessage> {
  const t = await transportFor(url, o.proxy);
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(o.signal.reason);
    const headers = { ...o.headers };
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    const { proxyHeaders, ...target } = requestTarget(t, url, `${url.pathname}${url.search}`);
    const req = t.request({ ...target, method: o.method, headers: { host: url.host, ...proxyHeaders, ...headers } });
    const onAbort = () => {
      req.destroy(o.signal!.reason instanceof Error ? o.signal!.reason : new Error('aborted'));
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = o.timeoutMs ? setTimeout(() => req.destroy(new Error(`no response within ${o.timeoutMs} ms`)), o.timeoutMs) : undefined;
    req.on('error', (e) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    req.on('response', (res) => {
      clearTimeout(timer);
      // The signal now guards the body; the listener goes when the body is done.
      if (o.signal) {
        const stop = () => res.destroy(new Error('aborted'));
        o.signal.removeEventListener('abort', onAbort);
        o.signal.addEventListener('abort', stop, { once: true });
        res.once('close', () => o.signal!.removeEventListener('abort', stop));
      }
      resolve(res);
    });
    req.end(o.body);
  });
}

/** Reads a whole (error) body as text, at most `limit` bytes kept; a body that stalls for idleMs is cut. */
export async function readText(res: IncomingMessage, idleMs = 30_000, limit = 64 * 1024): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  const it = (res as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (;;) {
    const r = await nextWithin(it, idleMs, () => {
      res.destroy();
      return new Error(`response body stalled for ${idleMs} ms`);
    });
    if (r.done) break;
    if (size < limit) parts.push(r.value);
    size += r.value.length;
  }
  return Buffer.concat(parts).toString('utf8').slice(0, limit);
}

/** Reads the next chunk, failing with `onIdle()` when none arrives within `idleMs`. */
export function nextWithin<T>(it: AsyncIterator<T>, idleMs: number, onIdle: () => Error): Promise<IteratorResult<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onIdle()), idleMs);
    it.next().then(
      (r) => { clearTimeout(timer); resolve(r); },
      (e: unknown) => { clearTimeout(timer); reject(e); },
    );
  });
}
