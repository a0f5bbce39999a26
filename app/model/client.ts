// streamModel: one model call as a stream of ResponseEvents, over either wire,
// with the retry policy of reference §4.5/§4.6: connect errors, 5xx and 429 are
// retried up to request_max_retries (backoff with jitter, or the server's
// Retry-After); a stream that breaks before completion is re-requested up to
// stream_max_retries. Every retry is announced through `onRetry`. Other 4xx
// fail at once with the server's message. The AbortSignal cuts everything.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { ModelProviderInfo } from '../config/types.js';
import { logger } from '../log.js';
import { fatalError, ModelError, StreamError } from './errors.js';
import { nextWithin, readText, send } from './http.js';
import type { ModelRequest, ResponseEvent, RetryNotice, StreamModel, StreamOptions } from './items.js';
import { ensureOssReady, ossUnreachable, type PullProgress } from './oss.js';
import { effectiveProvider, endpointUrl, requestHeaders, resolveRequestAuth } from './provider.js';
import { proxyFor } from './proxy-env.js';
import { backoffMs, reconnectMessage, retryAfterMs, sleep } from './retry.js';
import { parseSse, SseLimitError, SseParser, type SseEvent } from './sse.js';
import type { WireDecoder } from './wire.js';
import { wireOf } from './wires.js';

const log = logger('codex_core::model');

const aborted = () => new ModelError('aborted', 'Request interrupted');
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The server's own words from an error body: `error.message` when it is JSON, else the text. */
export function serverMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof j.error === 'string') return j.error;
    if (typeof j.error?.message === 'string') return j.error.message;
    if (typeof j.message === 'string') return j.message;
  } catch { /* not JSON */ }
  return body.trim().slice(0, 2000);
}

/** A 429 that waiting will not fix. */
function fatal429(body: string): ModelError | undefined {
  try {
    const e = (JSON.parse(body) as { error?: { type?: unknown; code?: unknown } }).error;
    return fatalError(e?.type, 429) ?? fatalError(e?.code, 429);
  } catch {
    return undefined;
  }
}

interface Attempt { url: URL; proxy: URL | undefined; headers: Record<string, string>; body: string; provider: ModelProviderInfo; opts: StreamOptions }

function notify(opts: StreamOptions, n: Omit<RetryNotice, 'message'>): void {
  const notice = { ...n, message: reconnectMessage(n.attempt, n.max, n.reason) };
  // Info, not warn: the front end already shows every retry through onRetry.
  log.info(`${notice.message}; retrying in ${n.delayMs} ms`);
  opts.onRetry?.(notice);
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw aborted();
  }
}

/** POSTs until a 2xx response head arrives, retrying what is retryable. */
async function open(a: Attempt): Promise<IncomingMessage> {
  const max = a.provider.requestMaxRetries;
  for (let retry = 0; ; retry++) {
    let reason: string;
    let hint: number | undefined;
    let last: { status: number; text: string } | undefined;
    try {
      // A server that accepts but never answers is as stuck as an idle stream.
      const res = await send(a.url, {
        method: 'POST', headers: a.headers, body: a.body, signal: a.opts.signal, timeoutMs: a.provider.streamIdleTimeoutMs,
        ...(a.proxy && { proxy: a.proxy }),
      });
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return res;
      const body = await readText(res, a.provider.streamIdleTimeoutMs);
      const statusText = `${status} ${res.statusMessage ?? ''}`.trim();
      const message = serverMessage(body);
      if (status !== 429 && status < 500) throw new ModelError('http_status', `unexpected status ${statusText}: ${message}`, status);
      const f = status === 429 ? fatal429(body) : undefined;
      if (f) throw f;
      reason = `${statusText}${message ? `: ${message}` : ''}`;
      hint = retryAfterMs(res.headers);
      last = { status, text: reason };
    } catch (e) {
      if (a.opts.signal?.aborted) throw aborted();
      if (e instanceof ModelError) throw e;
      // A local Ollama that is not running will not start by itself while we retry.
      if (a.provider.id === 'oss' && (e as NodeJS.ErrnoException).code === 'ECONNREFUSED') throw ossUnreachable(a.provider.baseUrl, errorText(e));
      reason = `connection failed: ${errorText(e)}`;
    }
    if (retry >= max) {
      throw new ModelError('retry_limit', last ? `exceeded retry limit, last status: ${last.text}` : `exceeded retry limit: ${reason}`, last?.status);
    }
    const delayMs = hint ?? backoffMs(retry + 1);
    notify(a.opts, { kind: 'request', attempt: retry + 1, max, delayMs, reason });
    await pause(delayMs, a.opts.signal);
  }
}

/**
 * SSE events of a response body. Only events count as activity: idleMs
 * without one is a StreamError, however many `: keep-alive` comments (or other
 * bytes) arrive meanwhile. A line or event over the parser's cap ends the
 * response at once (a server that sends that will send it again).
 */
async function* sseEvents(res: IncomingMessage, idleMs: number): AsyncGenerator<SseEvent> {
  res.setEncoding('utf8');
  const parser = new SseParser();
  const it = res[Symbol.asyncIterator]() as AsyncIterator<string>;
  let deadline = performance.now() + idleMs;
  try {
    for (;;) {
      const r = await nextWithin(it, Math.max(0, deadline - performance.now()), () => {
        res.destroy();
        return new StreamError('idle timeout waiting for SSE');
      });
      if (r.done) break;
      const events = parser.push(r.value);
      if (!events.length) continue;
      yield* events;
      // The window restarts once the consumer is done with them: its own time is not the server's silence.
      deadline = performance.now() + idleMs;
    }
    yield* parser.end();
  } catch (e) {
    if (e instanceof SseLimitError) throw new ModelError('stream', `the server's stream cannot be read: ${e.message}`);
    throw e;
  }
}

/**
 * After the last event, waits (briefly) for the end of the body, so the
 * keep-alive socket is free for the next turn's request instead of a new one.
 */
function drain(res: IncomingMessage, maxMs = 250): Promise<void> {
  // The agent takes the socket back on a tick after 'end': resolve after that.
  if (res.complete) return new Promise((resolve) => setImmediate(resolve));
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      res.destroy();
      done();
    }, maxMs);
    const later = () => setImmediate(done);
    res.once('end', later).once('close', later).resume();
  });
}

const ossReady = new Set<string>();

/** `--oss`: the first call checks once per process that Ollama runs and has the model (pulling it if not). */
async function ossChecked(baseUrl: string, model: string, onProgress: PullProgress, signal?: AbortSignal): Promise<void> {
  const key = `${baseUrl} ${model}`;
  if (ossReady.has(key)) return;
  await ensureOssReady(baseUrl, model, undefined, onProgress, signal);
  ossReady.add(key);
}

/** CODEX_RS_SSE_FIXTURE=<file>: the stream is read from a file instead of the network (tests). */
async function* fromFixture(file: string, decoder: WireDecoder): AsyncGenerator<ResponseEvent> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ModelError('stream', `CODEX_RS_SSE_FIXTURE: cannot read ${file}: ${errorText(e)}`);
  }
  yield { type: 'created' };
  for (const ev of parseSse(text)) {
    yield* decoder.push(ev);
    if (decoder.done) break;
  }
  try {
    yield* decoder.finish();
  } catch (e) {
    throw e instanceof StreamError ? new ModelError('stream', `${file}: ${e.message}`) : e;
  }
}

export const streamModel: StreamModel = async function* streamModel(
  provider: ModelProviderInfo,
  request: ModelRequest,
  opts: StreamOptions = {},
): AsyncGenerator<ResponseEvent> {
  if (opts.signal?.aborted) throw aborted();
  const env = opts.env ?? process.env;
  const wire = wireOf(provider);
  if (env.CODEX_RS_SSE_FIXTURE) {
    yield* fromFixture(env.CODEX_RS_SSE_FIXTURE, wire.decoder(request.model));
    return;
  }
  if (provider.id === 'oss') await ossChecked(provider.baseUrl, request.model, (m) => opts.onProgress?.(m), opts.signal);
  const auth = await resolveRequestAuth(provider, opts.codexHome, env, opts.apiKey);
  const target = effectiveProvider(provider, auth);
  const url = endpointUrl(target);
  // ChatGPT sign-in never stores responses (reference §4.5).
  const req = auth.chatgpt ? { ...request, store: false } : request;
  const a: Attempt = {
    url,
    proxy: proxyFor(url, env),
    headers: requestHeaders(target, {
      env,
      auth,
      originator: opts.originator ?? 'codex_cli_rs',
      ...(opts.sessionId !== undefined && { sessionId: opts.sessionId }),
    }),
    body: JSON.stringify(wire.body(req)),
    provider,
    opts,
  };
  log.debug(`POST ${a.url.href} (${a.body.length} bytes)`);
  const max = provider.streamMaxRetries;
  for (let retry = 1; ; retry++) {
    const res = await open(a);
    const decoder: WireDecoder = wire.decoder(request.model);
    let failure: StreamError;
    try {
      yield { type: 'created' };
      for await (const ev of sseEvents(res, provider.streamIdleTimeoutMs)) {
        yield* decoder.push(ev);
        if (decoder.done) break;
      }
      const final = decoder.finish();
      await drain(res);
      yield* final;
      return;
    } catch (e) {
      if (opts.signal?.aborted) throw aborted();
      if (e instanceof ModelError) throw e;
      failure = e instanceof StreamError ? e : new StreamError(`error reading SSE: ${errorText(e)}`);
    } finally {
      if (!res.complete) res.destroy();
    }
    if (retry > max) throw new ModelError('stream', `stream disconnected before completion: ${failure.message}`);
    const delayMs = failure.retryAfterMs ?? backoffMs(retry);
    notify(opts, { kind: 'stream', attempt: retry, max, delayMs, reason: failure.message });
    await pause(delayMs, opts.signal);
  }
};
