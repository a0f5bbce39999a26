// A provider stand-in for proxy tests and bench/proxy, on 127.0.0.1.
// Routes (under /v1): chat/completions (JSON or SSE), responses (SSE),
// files (multipart, counted while streaming), gated-sse and gated-ndjson (an
// event, then waits for `release()`), slow-sse (events until the client goes away), echo.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bytes: number;
  /** Set when the client (the proxy) closed the connection before the response ended. */
  aborted: boolean;
}

export interface MockUpstream {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Lets a gated stream send its remaining events (one release per stream). */
  release(): void;
  /** Resolves when a request to `path` has been aborted by its client. */
  abortedOnce(path: string): Promise<void>;
  close(): Promise<void>;
}

const sse = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;

function chatChunk(i: number, content: string, finish: string | null = null): unknown {
  return {
    id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'mock',
    choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content } : { content }, finish_reason: finish }],
  };
}

/** `record: false` keeps `seen` empty (a benchmark's millions of requests would fill memory). */
export async function startMockUpstream(opts: { record?: boolean } = {}): Promise<MockUpstream> {
  const seen: SeenRequest[] = [];
  let gate: (() => void) | undefined;
  let gateOpen = false;
  const abortWaiters = new Map<string, (() => void)[]>();

  const server: Server = createServer(async (req, res) => {
    const record: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes: 0, aborted: false };
    if (opts.record !== false) seen.push(record);
    res.once('close', () => {
      if (!res.writableFinished) {
        record.aborted = true;
        const path = record.url.split('?')[0]!;
        for (const w of abortWaiters.get(path) ?? []) w();
        abortWaiters.delete(path);
      }
    });
    const chunks: Buffer[] = [];
    const keep = !(req.url ?? '').startsWith('/v1/files');
    for await (const c of req as AsyncIterable<Buffer>) {
      record.bytes += c.length;
      if (keep) chunks.push(c);
    }
    const path = (req.url ?? '').split('?')[0];
    const body = keep && chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;

    if (path === '/v1/chat/completions' && body?.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      ['Hel', 'lo', ' world'].forEach((t, i) => res.write(sse(chatChunk(i, t))));
      res.write(sse(chatChunk(3, '', 'stop')));
      res.end('data: [DONE]\n\n');
    } else if (path === '/v1/chat/completions') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'mock' });
      res.end(JSON.stringify({
        id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: body?.model ?? 'mock',
        choices: [{ index: 0, message: { role: 'assistant', content: 'pong' }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
      }));
    } else if (path === '/v1/responses') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const resp = { id: 'resp_1', object: 'response', created_at: 1, status: 'in_progress', model: 'mock', output: [] };
      res.write(`event: response.created\n${sse({ type: 'response.created', sequence_number: 0, response: resp })}`);
      res.write(`event: response.output_text.delta\n${sse({ type: 'response.output_text.delta', sequence_number: 1, item_id: 'm1', output_index: 0, content_index: 0, delta: 'Hi' })}`);
      res.end(`event: response.completed\n${sse({ type: 'response.completed', sequence_number: 2, response: { ...resp, status: 'completed' } })}`);
    } else if (path === '/v1/files') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'file-1', object: 'file', bytes: record.bytes, created_at: 1, filename: 'upload', purpose: 'assistants', status: 'processed' }));
    } else if (path === '/v1/gated-sse' || path === '/v1/gated-ndjson') {
      res.writeHead(200, { 'content-type': path.endsWith('sse') ? 'text/event-stream' : 'application/x-ndjson' });
      res.write(sse({ n: 1 }));
      if (!gateOpen) await new Promise<void>((r) => (gate = r));
      gateOpen = false; // one release per stream
      res.write(sse({ n: 2 }));
      res.end('data: [DONE]\n\n');
    } else if (path === '/v1/slow-sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 600 && !res.destroyed; i++) {
        res.write(sse({ n: i }));
        await new Promise((r) => setTimeout(r, 50));
      }
      res.end();
    } else if (path === '/v1/echo') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, bytes: record.bytes }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${path}` } }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    release() {
      gateOpen = true;
      gate?.();
    },
    abortedOnce(path: string) {
      return new Promise<void>((resolve) => abortWaiters.set(path, [...(abortWaiters.get(path) ?? []), resolve]));
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
