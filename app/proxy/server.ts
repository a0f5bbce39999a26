// The proxy server: node:http in front, an undici Agent behind (pooled
// keep-alive connections to the provider). Bodies stream both ways with
// back-pressure through `pipeline`, so a 1 GB upload or a long SSE stream
// never sits in memory; a client that goes away aborts the upstream request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { Config } from '../config/types.js';
import { logger } from '../log.js';
import { proxyAuth, proxyFor } from '../model/proxy-env.js';
import { injectedAuthorization, providerHeaders } from './auth.js';
import { BUFFER_LIMIT, firstPart, relay, requestBody } from './bodies.js';
import { boundAddress, judgeRequest, type BoundAddress } from './guard.js';
import { addMissing, forwardableHeaders, type HeaderMap } from './headers.js';
import { route } from './upstream.js';

const log = logger('codex_proxy');

export interface ProxyOptions {
  readonly config: Config;
  readonly host: string;
  readonly port: number;
  readonly allowCorsAny: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningProxy {
  readonly url: string;
  readonly address: AddressInfo;
  /** Requests being served right now. */
  inFlight(): number;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': '*',
};

/** Sends a JSON answer of the proxy's own; returns its body size for the access log. */
function sendJson(res: ServerResponse, status: number, body: unknown, extra: HeaderMap = {}): number {
  const text = JSON.stringify(body);
  const length = Buffer.byteLength(text);
  res.writeHead(status, { ...extra, 'content-type': 'application/json', 'content-length': length });
  res.end(text);
  return length;
}

function errorBody(message: string, type: string): unknown {
  return { error: { message, type, param: null, code: null } };
}

/** A short cause for a failed upstream request, naming the error code when there is one. */
function describeCause(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const inner = e.cause?.message && e.cause.message !== e.message ? `: ${e.cause.message}` : '';
  const code = e.code ?? e.cause?.code;
  return `${code && !String(e.message).includes(code) ? `${code} ` : ''}${e.message ?? String(err)}${inner}`;
}

/**
 * Pooled connections to the provider; through HTTPS_PROXY / HTTP_PROXY when
 * the environment says so for its base URL (NO_PROXY and loopback go direct),
 * the same rule the model client follows.
 */
function upstreamAgent(baseUrl: string, env: NodeJS.ProcessEnv): Dispatcher {
  // No cap on connections per origin: each in-flight request (a long SSE stream
  // holds one for minutes) gets its own when no idle one is free; a cap made
  // streams past it wait for others to end.
  const pool = { keepAliveTimeout: 30_000, pipelining: 1 };
  const target = new URL(baseUrl);
  const proxy = proxyFor(target, env);
  if (!proxy) return new Agent(pool);
  const uri = new URL(proxy.href);
  uri.username = '';
  uri.password = '';
  const token = proxyAuth(proxy)['proxy-authorization'];
  // Plain http goes to the proxy as an absolute-form request; https through a CONNECT tunnel.
  return new ProxyAgent({ ...pool, uri: uri.href, ...(token && { token }), proxyTunnel: target.protocol === 'https:' });
}

export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const env = opts.env ?? process.env;
  const agent = upstreamAgent(opts.config.provider.baseUrl, env);
  const cors: HeaderMap = opts.allowCorsAny ? CORS_HEADERS : {};
  let active = 0;
  // Known once listening (port 0 picks one); no request arrives before.
  let bound: BoundAddress = { names: new Set(), port: -1, anyAddress: false };
  let drained: (() => void) | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    let bytesIn = 0;
    let bytesOut = 0;
    active++;
    res.once('close', () => {
      active--;
      const ms = (performance.now() - started).toFixed(1);
      log.info(`${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${ms}ms in=${bytesIn}B out=${bytesOut}B${res.writableFinished ? '' : ' (incomplete)'}`);
      if (active === 0) drained?.();
    });

    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      bytesOut = sendJson(res, 200, { status: 'ok' }, cors);
      return;
    }
    const verdict = judgeRequest(req.method ?? 'GET', req.headers, bound, opts.allowCorsAny);
    if (verdict.kind === 'refuse') {
      log.warn(`refused ${req.method} ${pathname}: ${verdict.message}`);
      bytesOut = sendJson(res, 403, errorBody(verdict.message, 'forbidden'));
      return;
    }
    if (opts.allowCorsAny && req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': req.headers['access-control-request-method'] ?? '*',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '86400',
      });
      res.end();
      return;
    }
    // Only a request addressed to the proxy by its own name gets anything of the user's:
    // credentials, provider headers and query_params (any of them may carry a key).
    const target = route(opts.config.provider, req.url ?? '/', verdict.ownHost);
    switch (target.kind) {
      case 'upstream': break;
      case 'not-proxied':
        bytesOut = sendJson(res, 404, errorBody(`Not found: ${target.pathname}. The proxy serves /v1/* and /health.`, 'not_found'), cors);
        return;
      case 'bad-path':
        bytesOut = sendJson(res, 400, errorBody(`Bad request path: ${target.reason}.`, 'invalid_request_error'), cors);
        return;
    }

    const headers = forwardableHeaders(req.headers, { dropHost: true });
    delete headers.expect; // node answers 100-continue itself; undici refuses the header
    if (verdict.ownHost) {
      addMissing(headers, providerHeaders(opts.config, env));
      if (headers.authorization === undefined) {
        const auth = await injectedAuthorization(opts.config, env);
        if (auth) headers.authorization = auth;
      }
    }

    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new Error('client closed the connection'));
    });
    const body = await requestBody(req, (n) => (bytesIn += n));

    let upstream;
    try {
      upstream = await agent.request({
        origin: target.origin,
        path: target.path,
        method: (req.method ?? 'GET') as 'GET',
        headers,
        body,
        signal: abort.signal,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
    } catch (err) {
      if (abort.signal.aborted) return; // the client left; nothing to answer
      log.warn(`upstream ${target.origin} failed: ${describeCause(err)}`);
      if (!res.headersSent) bytesOut = sendJson(res, 502, errorBody(`Upstream error: ${describeCause(err)}`, 'upstream_error'), cors);
      else res.destroy();
      return;
    }

    const outHeaders = { ...forwardableHeaders(upstream.headers as HeaderMap, { dropHost: false }), ...cors };
    const type = upstream.headers['content-type'];
    try {
      if (typeof type === 'string' && type.startsWith('text/event-stream')) {
        res.writeHead(upstream.statusCode, outHeaders);
        res.flushHeaders(); // the client sees the status before the first event, however late that comes
        await relay(upstream.body, res, (n) => (bytesOut += n));
        return;
      }
      const first = await firstPart(upstream.body, BUFFER_LIMIT, Number(upstream.headers['content-length']) <= BUFFER_LIMIT);
      bytesOut = first.bytes;
      if (first.ended) {
        // Whole: out with its headers in one write, with a length instead of chunked framing.
        const whole = first.chunks.length === 1 ? first.chunks[0]! : Buffer.concat(first.chunks);
        const bodiless = req.method === 'HEAD' || upstream.statusCode === 204 || upstream.statusCode === 304;
        if (!bodiless && outHeaders['content-length'] === undefined) outHeaders['content-length'] = String(whole.length);
        res.writeHead(upstream.statusCode, outHeaders);
        res.end(whole);
        return;
      }
      res.writeHead(upstream.statusCode, outHeaders);
      for (const c of first.chunks) res.write(c);
      if (first.chunks.length === 0) res.flushHeaders();
      await relay(upstream.body, res, (n) => (bytesOut += n));
    } catch (err) {
      if (!abort.signal.aborted) log.warn(`upstream ${target.origin} broke mid-response: ${describeCause(err)}`);
      if (!res.headersSent) bytesOut = sendJson(res, 502, errorBody(`Upstream error: ${describeCause(err)}`, 'upstream_error'), cors);
      else res.destroy();
    }
  };

  const server: Server = createServer({ noDelay: true, keepAliveTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((err) => {
      log.error('proxy handler failed:', err);
      if (!res.headersSent) sendJson(res, 500, errorBody(`Proxy error: ${describeCause(err)}`, 'proxy_error'));
      else res.destroy();
    });
  });
  // Uploads and streams may take as long as they take.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  bound = boundAddress(opts.host, address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    address,
    inFlight: () => active,
    async close(graceMs = 10_000): Promise<void> {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
      await agent.close().catch(() => agent.destroy());
    },
  };
}
