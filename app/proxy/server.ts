// The proxy server: node:http in front, its own pooled HTTP/1.1 client behind
// (upstream-pool.ts; TLS and a CONNECT tunnel only when the provider or
// HTTPS_PROXY needs them). Headers pass as raw lists, small bodies in one write
// with their headers, large ones stream both ways with back-pressure, so a
// 1 GB upload or a long SSE stream never sits in memory; a client that goes
// away aborts the upstream request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/types.js';
import { logger } from '../log.js';
import { proxyFor } from '../model/proxy-env.js';
import { injectedAuthorization, providerHeaders } from './auth.js';
import { BUFFER_LIMIT, firstPart, relay, requestBody, sendHead } from './bodies.js';
import { connector } from './connector.js';
import { boundAddress, judgeRequest, type BoundAddress } from './guard.js';
import { addMissing, checkHeaderValue, forwardable, type RawHeaders } from './headers.js';
import { router } from './upstream.js';
import { UpstreamPool, type Exchange, type UpstreamResponse } from './upstream-pool.js';

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
function sendJson(res: ServerResponse, status: number, body: unknown, extra: Readonly<Record<string, string>> = {}): number {
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

/** A request target without its query string (which may carry keys): what the log shows. */
function withoutQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Request headers the proxy sets itself, beside the hop-by-hop ones (node answers `Expect: 100-continue` itself). */
const DROP_REQUEST: ReadonlySet<string> = new Set(['host', 'expect']);
const NONE: ReadonlySet<string> = new Set();

/** A raw header list as a plain record, for the rare answer built from it. */
const pairs = (h: Readonly<Record<string, string>>): RawHeaders => Object.entries(h).flat();

export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const env = opts.env ?? process.env;
  const { origin, route } = router(opts.config.provider);
  // Through HTTPS_PROXY / HTTP_PROXY when the environment says so for the base
  // URL (NO_PROXY and loopback go direct), the rule the model client follows.
  const upstreamConnector = connector(origin, proxyFor(origin, env));
  const pool = new UpstreamPool(upstreamConnector);
  const extraHeaders = Object.entries(providerHeaders(opts.config, env));
  for (const [name, value] of extraHeaders) checkHeaderValue(`provider header '${name}'`, value);
  const cors: Readonly<Record<string, string>> = opts.allowCorsAny ? CORS_HEADERS : {};
  const corsList = pairs(cors);
  // CORS headers replace the upstream's own rather than doubling them.
  const dropResponse: ReadonlySet<string> = new Set(Object.keys(cors));
  let active = 0;
  // Known once listening (port 0 picks one); no request arrives before.
  let bound: BoundAddress = { names: new Set(), port: -1, hosts: new Set(), anyAddress: false };
  let drained: (() => void) | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    let bytesIn = 0;
    let bytesOut = 0;
    let exchange: Exchange | undefined;
    /** The client left before its answer was complete: nothing more is wanted upstream. */
    let gone = false;
    active++;
    res.once('close', () => {
      active--;
      gone = !res.writableFinished;
      if (gone) exchange?.abort();
      const ms = (performance.now() - started).toFixed(1);
      log.info(`${method} ${withoutQuery(url)} ${res.statusCode} ${ms}ms in=${bytesIn}B out=${bytesOut}B${res.writableFinished ? '' : ' (incomplete)'}`);
      if (active === 0) drained?.();
    });

    if ((url === '/health' || url.startsWith('/health?')) && (method === 'GET' || method === 'HEAD')) {
      bytesOut = sendJson(res, 200, { status: 'ok' }, cors);
      return;
    }
    const verdict = judgeRequest(method, req.headers, bound, opts.allowCorsAny);
    if (verdict.kind === 'refuse') {
      log.warn(`refused ${method} ${withoutQuery(url)}: ${verdict.message}`);
      bytesOut = sendJson(res, 403, errorBody(verdict.message, 'forbidden'));
      return;
    }
    if (opts.allowCorsAny && method === 'OPTIONS') {
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
    const routed = route(url, verdict.ownHost);
    switch (routed.kind) {
      case 'upstream': break;
      case 'not-proxied':
        bytesOut = sendJson(res, 404, errorBody(`Not found: ${routed.pathname}. The proxy serves /v1/* and /health.`, 'not_found'), cors);
        return;
      case 'bad-path':
        bytesOut = sendJson(res, 400, errorBody(`Bad request path: ${routed.reason}.`, 'invalid_request_error'), cors);
        return;
    }

    // Every upstream request starts with Host and the forward proxy's credentials.
    const { headers, noticed } = forwardable(req.rawHeaders, DROP_REQUEST, [...upstreamConnector.headers]);
    // Its framing was hop-by-hop; the upstream request frames the same stream its own way.
    if (noticed.transferEncoding) headers.push('transfer-encoding', 'chunked');
    if (verdict.ownHost) {
      addMissing(headers, extraHeaders);
      if (!noticed.authorization) {
        const auth = await injectedAuthorization(opts.config, env);
        if (auth) headers.push('authorization', checkHeaderValue('the stored credential', auth));
      }
    }

    let upstream: UpstreamResponse;
    try {
      const body = await requestBody(req, noticed.contentLength, noticed.transferEncoding);
      if (gone) return; // the client left while its body came in
      exchange = pool.send({ method, path: routed.path, headers, body, chunked: noticed.transferEncoding, onBytes: (n) => (bytesIn += n) });
      upstream = await exchange.response;
    } catch (err) {
      if (gone) return; // nothing to answer
      log.warn(`upstream ${origin.origin} failed: ${describeCause(err)}`);
      bytesOut = sendJson(res, 502, errorBody(`Upstream error: ${describeCause(err)}`, 'upstream_error'), cors);
      return;
    }

    const status = upstream.status;
    const { headers: out, noticed: head } = forwardable(upstream.rawHeaders, opts.allowCorsAny ? dropResponse : NONE);
    out.push(...corsList);
    try {
      if (upstream.kind === 'stream' && head.contentType?.startsWith('text/event-stream')) {
        res.writeHead(status, out);
        // The events that came with the upstream's head go out with the client's.
        const atHand = upstream.body.readableLength > 0 ? [upstream.body.read() as Buffer] : [];
        bytesOut += atHand[0]?.length ?? 0;
        sendHead(res, atHand);
        await relay(upstream.body, res, (n) => (bytesOut += n));
        return;
      }
      // Whole: out with its headers in one write, with a length instead of chunked framing.
      const sendWhole = (chunks: Buffer[]): void => {
        const whole = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        const bodiless = method === 'HEAD' || status === 204 || status === 304;
        if (!bodiless && head.contentLength === undefined) out.push('content-length', String(whole.length));
        res.writeHead(status, out);
        res.end(whole);
      };
      if (upstream.kind === 'whole') {
        bytesOut = upstream.bytes;
        return sendWhole(upstream.chunks);
      }
      // Of a body known to be small, all of it; of a large or slow one its start, and the rest streams.
      const first = await firstPart(upstream.body, BUFFER_LIMIT, Number(head.contentLength) <= BUFFER_LIMIT);
      bytesOut = first.bytes;
      if (first.ended) return sendWhole(first.chunks);
      res.writeHead(status, out);
      sendHead(res, first.chunks);
      await relay(upstream.body, res, (n) => (bytesOut += n));
    } catch (err) {
      if (gone) return;
      log.warn(`upstream ${origin.origin} broke mid-response: ${describeCause(err)}`);
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
    const failed = (e: Error): void => reject(new Error(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`));
    server.once('error', failed);
    server.listen(opts.port, opts.host, () => {
      server.off('error', failed);
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
      pool.destroy();
    },
  };
}
