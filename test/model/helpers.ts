// Shared by the model tests: a provider pointed at the mock, and a collector.
import type { ModelProviderInfo } from '../../app/config/types.js';
import { streamModel } from '../../app/model/client.js';
import type { ModelRequest, ResponseEvent, RetryNotice, StreamOptions } from '../../app/model/items.js';

export function mockProvider(baseUrl: string, over: Partial<ModelProviderInfo> = {}): ModelProviderInfo {
  return {
    id: 'mock',
    name: 'Mock',
    baseUrl,
    envKey: 'MOCK_API_KEY',
    wireApi: 'responses',
    queryParams: {},
    httpHeaders: {},
    envHttpHeaders: {},
    requestMaxRetries: 4,
    streamMaxRetries: 5,
    streamIdleTimeoutMs: 5_000,
    requiresOpenaiAuth: false,
    ...over,
  };
}

export const ENV = { MOCK_API_KEY: 'sk-mock-123' };

export function request(over: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'gpt-test',
    instructions: 'You are a test.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
    tools: [],
    parallel_tool_calls: false,
    store: false,
    include: [],
    ...over,
  };
}

export interface Run { events: ResponseEvent[]; retries: RetryNotice[]; error?: unknown }

/** Runs one call to the end, keeping the events, retry notices and the error if any. */
export async function run(p: ModelProviderInfo, req: ModelRequest = request(), opts: StreamOptions = {}): Promise<Run> {
  const out: Run = { events: [], retries: [] };
  try {
    for await (const e of streamModel(p, req, { env: ENV, onRetry: (n) => out.retries.push(n), ...opts })) out.events.push(e);
  } catch (e) {
    out.error = e;
  }
  return out;
}

/** Events after the last `created`: what a consumer keeps after retries. */
export function lastAttempt(events: ResponseEvent[]): ResponseEvent[] {
  const i = events.map((e) => e.type).lastIndexOf('created');
  return events.slice(i + 1);
}

export const items = (events: ResponseEvent[]) => events.flatMap((e) => (e.type === 'output_item_done' ? [e.item] : []));
export const text = (events: ResponseEvent[]) => events.flatMap((e) => (e.type === 'output_text_delta' ? [e.delta] : [])).join('');

export interface TestProxy { url: string; seen: { method: string; target: string; auth?: string }[]; close(): void }

/**
 * A forward proxy on 127.0.0.1 that sends every target to `port` on 127.0.0.1
 * (so names like model.test work without DNS): absolute-form requests for
 * http, CONNECT tunnels for https. It logs what it was asked for.
 */
export async function startTestProxy(port: number): Promise<TestProxy> {
  const http = await import('node:http');
  const net = await import('node:net');
  const seen: TestProxy['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', ...(req.headers['proxy-authorization'] && { auth: req.headers['proxy-authorization'] }) });
    const url = new URL(req.url ?? '/');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const up = http.request({ host: '127.0.0.1', port, path: url.pathname + url.search, method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connect', (req, socket, head) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', ...(req.headers['proxy-authorization'] && { auth: req.headers['proxy-authorization'] }) });
    const up = net.connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
