// A scripted model server on 127.0.0.1 for tests and benchmarks. Only the model
// is fake: it speaks real HTTP and real SSE on both wires.
//
// In a test:
//   import { startMockModelServer } from '../support/mock-model-server.js';
//   const mock = await startMockModelServer([
//     { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['ls'] } }] },
//     { output: [{ type: 'text', text: 'Done.' }], usage: { input_tokens: 120, output_tokens: 7 } },
//   ]);
//   // provider base_url = mock.url  (http://127.0.0.1:PORT/v1)
//   …
//   mock.requests[1].body.input  // what the client sent on the 2nd call
//   await mock.close();
// The server: url, port, requests (LoggedRequest: wire, path, query, headers, parsed body, turn,
// remotePort), push(...turns), remaining(), waitForRequests(n), connections(), close().
// renderResponses / renderChat turn outputs into SSE text (fixtures for CODEX_RS_SSE_FIXTURE).
//
// Standalone (drive the real CLI or a benchmark; prints the base URL on stdout):
//   node --import tsx test/support/mock-model-server.ts --script turns.json [--port N] [--log requests.jsonl]
// turns.json is a MockTurn[] or { "turns": MockTurn[], "repeat": true }.
// Runs until SIGINT/SIGTERM. --log appends each model request as one JSON line.
//
// Routes: POST …/responses (Responses API SSE), POST …/chat/completions (Chat
// Completions SSE, ending with `data: [DONE]`), GET …/models (the ids in `models`,
// by default one, `mock-model`; GET requests are not logged in `requests`).
// Any path prefix works, so base_url may or may not end in /v1.
// Every model request takes the next turn of the script, whichever the wire;
// both wires render the same turn. When the script runs out the server answers
// 400 "mock model server: script exhausted…" (or repeats the last turn with repeat: true).
//
// A turn is either a reply:
//   { output: MockOutput[], usage?: Partial<MockUsage>, delayMs?: number /* between SSE events */,
//     eventsPerSecond?: number /* instead: event i leaves at i / rate s on the clock, so the rate
//                                 holds however busy the server's process is (benchmarks) */ }
// or a fault:
//   { fault: 'status', status: 500, body?: object|string, retryAfter?: string|number, retryAfterMs?: number }
//   { fault: 'cut', output?: MockOutput[], afterEvents?: number, close?: 'destroy'|'end' }
//       sends the first `afterEvents` SSE events of the rendered reply (default: every event before
//       the one that completes it, `response.completed` or the Chat finish_reason chunk), then half
//       of the next event, then destroys the socket (or, with 'end', ends the body cleanly).
//   { fault: 'stall', output?: MockOutput[], afterEvents?: number, stallMs?: number }
//       sends the response head and `afterEvents` events (default 0), then goes silent; after
//       stallMs (default: never) it finishes the reply normally.
// MockOutput:
//   { type: 'text', text, deltas?: string[] }          assistant message (deltas default: split in ~3)
//   { type: 'reasoning', summary: string[], content?: string[] }
//   { type: 'function_call', name, arguments: string | object, call_id? }   string arguments are sent
//        verbatim, so '{"command": [' is a malformed-arguments call
//   { type: 'custom_tool_call', name, input, call_id? }   (chat: a function call with `input` as arguments)
//   { type: 'local_shell_call', command: string[], call_id? } (chat: a `local_shell` function call)
//   { type: 'raw', data: string, event?: string }        a raw SSE event, e.g. malformed JSON
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appendFileSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ResponseItem } from '../../app/model/items.js';

export type MockOutput =
  | { type: 'text'; text: string; deltas?: string[] }
  | { type: 'reasoning'; summary: string[]; content?: string[] }
  | { type: 'function_call'; name: string; arguments: string | object; call_id?: string }
  | { type: 'custom_tool_call'; name: string; input: string; call_id?: string }
  | { type: 'local_shell_call'; command: string[]; call_id?: string }
  | { type: 'raw'; data: string; event?: string };

export interface MockUsage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

export interface MockReply { output: MockOutput[]; usage?: Partial<MockUsage>; delayMs?: number; eventsPerSecond?: number }
export type MockTurn =
  | (MockReply & { fault?: undefined })
  | { fault: 'status'; status: number; body?: object | string; retryAfter?: string | number; retryAfterMs?: number }
  | { fault: 'cut'; output?: MockOutput[]; afterEvents?: number; close?: 'destroy' | 'end'; usage?: Partial<MockUsage> }
  | { fault: 'stall'; output?: MockOutput[]; afterEvents?: number; stallMs?: number; usage?: Partial<MockUsage> };

export interface MockScript { turns: MockTurn[]; repeat?: boolean }

export interface ChatMessage {
  role: string;
  content?: string | null;
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  [key: string]: unknown;
}

/** The request body as sent; the fields tests look at most are typed. */
export interface LoggedBody {
  model?: string;
  instructions?: string;
  /** Responses wire. */
  input?: ResponseItem[];
  /** Chat wire. */
  messages?: ChatMessage[];
  tools?: { type: string; name?: string; function?: { name: string }; [key: string]: unknown }[];
  stream?: boolean;
  [key: string]: unknown;
}

export interface LoggedRequest {
  wire: 'responses' | 'chat';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body. */
  body: LoggedBody;
  /** Index of the script turn that answered it (-1: script exhausted). */
  turn: number;
  /** The client's port: equal for two requests on one keep-alive connection. */
  remotePort: number;
}

export interface MockModelServer {
  /** Base URL for a provider: `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every model request (both wires), in arrival order. */
  readonly requests: LoggedRequest[];
  /** What GET …/models lists. */
  models: string[];
  /** Appends turns to the script. */
  push(...turns: MockTurn[]): void;
  /** Turns not yet served. */
  remaining(): number;
  /** Resolves once `n` model requests have arrived (rejects after timeoutMs, default 10 s). */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  /** Open client connections (keep-alive ones included). */
  connections(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_USAGE: MockUsage = { input_tokens: 10, cached_input_tokens: 0, output_tokens: 5, reasoning_output_tokens: 0, total_tokens: 15 };

function usageOf(u: Partial<MockUsage> | undefined): MockUsage {
  const m = { ...DEFAULT_USAGE, ...u };
  if (u?.total_tokens === undefined) m.total_tokens = m.input_tokens + m.output_tokens;
  return m;
}

function splitDeltas(text: string): string[] {
  if (text.length < 3) return [text];
  const n = Math.ceil(text.length / 3);
  return [text.slice(0, n), text.slice(n, 2 * n), text.slice(2 * n)].filter((s) => s !== '');
}

const argText = (a: string | object) => (typeof a === 'string' ? a : JSON.stringify(a));
const sse = (event: string | undefined, data: unknown) =>
  `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** Renders one reply as Responses API SSE events. */
export function renderResponses(output: MockOutput[], usage: MockUsage, seq: number): string[] {
  const rid = `resp_mock_${seq}`;
  const ev = (type: string, body: object) => sse(type, { type, ...body });
  const events = [ev('response.created', { response: { id: rid } })];
  output.forEach((o, i) => {
    const id = `item_${seq}_${i}`;
    const callId = (o as { call_id?: string }).call_id ?? `call_${seq}_${i}`;
    let item: object;
    switch (o.type) {
      case 'raw': events.push(sse(o.event, o.data)); return;
      case 'text': {
        item = { type: 'message', id, role: 'assistant', content: [{ type: 'output_text', text: o.text }] };
        events.push(ev('response.output_item.added', { output_index: i, item: { ...item, content: [] } }));
        for (const d of o.deltas ?? splitDeltas(o.text)) events.push(ev('response.output_text.delta', { item_id: id, output_index: i, delta: d }));
        events.push(ev('response.output_text.done', { item_id: id, output_index: i, text: o.text }));
        break;
      }
      case 'reasoning': {
        item = { type: 'reasoning', id, summary: o.summary.map((text) => ({ type: 'summary_text', text })), ...(o.content ? { content: o.content.map((text) => ({ type: 'reasoning_text', text })) } : {}) };
        o.summary.forEach((s, k) => {
          events.push(ev('response.reasoning_summary_part.added', { item_id: id, output_index: i, summary_index: k }));
          events.push(ev('response.reasoning_summary_text.delta', { item_id: id, output_index: i, summary_index: k, delta: s }));
        });
        for (const c of o.content ?? []) events.push(ev('response.reasoning_text.delta', { item_id: id, output_index: i, delta: c }));
        break;
      }
      case 'function_call': {
        item = { type: 'function_call', id, name: o.name, arguments: argText(o.arguments), call_id: callId };
        events.push(ev('response.output_item.added', { output_index: i, item: { ...item, arguments: '' } }));
        events.push(ev('response.function_call_arguments.delta', { item_id: id, output_index: i, delta: argText(o.arguments) }));
        break;
      }
      case 'custom_tool_call':
        item = { type: 'custom_tool_call', id, status: 'completed', name: o.name, input: o.input, call_id: callId };
        break;
      case 'local_shell_call':
        item = { type: 'local_shell_call', id, call_id: callId, status: 'completed', action: { type: 'exec', command: o.command } };
        break;
    }
    events.push(ev('response.output_item.done', { output_index: i, item }));
  });
  events.push(ev('response.completed', {
    response: {
      id: rid,
      usage: {
        input_tokens: usage.input_tokens,
        input_tokens_details: { cached_tokens: usage.cached_input_tokens },
        output_tokens: usage.output_tokens,
        output_tokens_details: { reasoning_tokens: usage.reasoning_output_tokens },
        total_tokens: usage.total_tokens,
      },
    },
  }));
  return events;
}

/** Renders one reply as Chat Completions SSE chunks, ending with `[DONE]`. */
export function renderChat(output: MockOutput[], usage: MockUsage, seq: number, model: string): string[] {
  const id = `chatcmpl_mock_${seq}`;
  const chunk = (delta: object, finish: string | null = null) =>
    sse(undefined, { id, object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] });
  const events = [chunk({ role: 'assistant', content: '' })];
  let toolIndex = 0;
  output.forEach((o, i) => {
    const callId = (o as { call_id?: string }).call_id ?? `call_${seq}_${i}`;
    const call = (name: string, args: string) => {
      const index = toolIndex++;
      const half = Math.ceil(args.length / 2);
      events.push(chunk({ tool_calls: [{ index, id: callId, type: 'function', function: { name, arguments: args.slice(0, half) } }] }));
      if (args.length > half) events.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
    };
    switch (o.type) {
      case 'raw': events.push(sse(o.event, o.data)); break;
      case 'text': for (const d of o.deltas ?? splitDeltas(o.text)) events.push(chunk({ content: d })); break;
      case 'reasoning': for (const r of [...o.summary, ...(o.content ?? [])]) events.push(chunk({ reasoning: r })); break;
      case 'function_call': call(o.name, argText(o.arguments)); break;
      case 'custom_tool_call': call(o.name, o.input); break;
      case 'local_shell_call': call('local_shell', JSON.stringify({ command: o.command })); break;
    }
  });
  events.push(chunk({}, toolIndex > 0 ? 'tool_calls' : 'stop'));
  events.push(sse(undefined, {
    id, object: 'chat.completion.chunk', created: 0, model, choices: [],
    usage: {
      prompt_tokens: usage.input_tokens,
      completion_tokens: usage.output_tokens,
      total_tokens: usage.total_tokens,
      prompt_tokens_details: { cached_tokens: usage.cached_input_tokens },
      completion_tokens_details: { reasoning_tokens: usage.reasoning_output_tokens },
    },
  }));
  events.push(sse(undefined, '[DONE]'));
  return events;
}

/** The event that completes a reply: `response.completed`, or the Chat chunk with a finish_reason. */
function completionIndex(events: string[]): number {
  const i = events.findIndex((e) => e.startsWith('event: response.completed') || /"finish_reason":"/.test(e));
  return i < 0 ? events.length - 1 : i;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startMockModelServer(
  script: MockTurn[] | MockScript,
  opts: { port?: number; onRequest?: (r: LoggedRequest) => void } = {},
): Promise<MockModelServer> {
  const turns = Array.isArray(script) ? [...script] : [...script.turns];
  const repeat = !Array.isArray(script) && script.repeat === true;
  const requests: LoggedRequest[] = [];
  const waiters: (() => void)[] = [];
  let next = 0;
  let models = ['mock-model'];

  async function stream(res: ServerResponse, events: string[], delayMs: number, isOpen: () => boolean, perSecond = 0) {
    if (!res.headersSent) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.flushHeaders();
    }
    const t0 = performance.now();
    for (let i = 0; i < events.length; i++) {
      if (!isOpen()) return;
      res.write(events[i]);
      if (perSecond > 0) {
        // Behind the clock (a timer fired late): the events due go out together.
        const wait = t0 + ((i + 1) * 1000) / perSecond - performance.now();
        if (wait > 0) await sleep(wait);
      } else if (delayMs > 0) await sleep(delayMs);
    }
  }

  async function answer(req: IncomingMessage, res: ServerResponse, wire: 'responses' | 'chat', url: URL) {
    const text = await readBody(req);
    let body: LoggedBody;
    try {
      body = JSON.parse(text) as LoggedBody;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'mock model server: request body is not JSON', type: 'invalid_request_error' } }));
      return;
    }
    const index = next < turns.length ? next++ : repeat && turns.length > 0 ? turns.length - 1 : -1;
    const logged: LoggedRequest = {
      wire, method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams),
      headers: req.headers, body, turn: index, remotePort: req.socket.remotePort ?? 0,
    };
    requests.push(logged);
    opts.onRequest?.(logged);
    for (const w of waiters.splice(0)) w();
    const turn = index >= 0 ? turns[index]! : undefined;
    if (!turn) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `mock model server: script exhausted after ${turns.length} turn(s)`, type: 'invalid_request_error' } }));
      return;
    }
    if (turn.fault === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (turn.retryAfter !== undefined) headers['retry-after'] = String(turn.retryAfter);
      if (turn.retryAfterMs !== undefined) headers['retry-after-ms'] = String(turn.retryAfterMs);
      const b = turn.body ?? { error: { message: `mock status ${turn.status}`, type: turn.status === 429 ? 'rate_limit_exceeded' : 'server_error' } };
      res.writeHead(turn.status, headers);
      res.end(typeof b === 'string' ? b : JSON.stringify(b));
      return;
    }
    const output = turn.output ?? [];
    const usage = usageOf(turn.usage);
    const events = wire === 'responses' ? renderResponses(output, usage, index) : renderChat(output, usage, index, body.model ?? 'mock');
    let open = true;
    res.on('close', () => { open = false; });
    const isOpen = () => open;
    if (turn.fault === undefined) {
      await stream(res, events, turn.delayMs ?? 0, isOpen, turn.eventsPerSecond);
      res.end();
    } else if (turn.fault === 'cut') {
      const n = Math.min(turn.afterEvents ?? completionIndex(events), events.length - 1);
      await stream(res, events.slice(0, n), 0, isOpen);
      const partial = events[n]!;
      res.write(partial.slice(0, Math.max(1, Math.floor(partial.length / 2))));
      // Let the bytes leave before the cut so the client sees a half event, not a refused stream.
      await sleep(20);
      if (turn.close === 'end') res.end();
      else res.destroy();
    } else {
      const n = Math.min(turn.afterEvents ?? 0, events.length);
      await stream(res, events.slice(0, n), 0, isOpen);
      if (turn.stallMs === undefined) return; // silent until the client gives up
      await sleep(turn.stallMs);
      await stream(res, events.slice(n), 0, isOpen);
      if (open) res.end();
    }
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '');
    const fail = (e: unknown) => { if (!res.headersSent) res.writeHead(500); res.end(String(e)); };
    if (req.method === 'POST' && path.endsWith('/responses')) answer(req, res, 'responses', url).catch(fail);
    else if (req.method === 'POST' && path.endsWith('/chat/completions')) answer(req, res, 'chat', url).catch(fail);
    else if (req.method === 'GET' && path.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'mock' })) }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `mock model server: no route for ${req.method} ${url.pathname}` } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get models() {
      return models;
    },
    set models(ids: string[]) {
      models = ids;
    },
    push: (...t) => { turns.push(...t); },
    remaining: () => Math.max(0, turns.length - next),
    waitForRequests(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`mock model server: ${requests.length}/${n} requests after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (requests.length >= n) { clearTimeout(timer); resolve(); } else waiters.push(check);
        };
        check();
      });
    },
    connections() {
      return new Promise((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function cli(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const file = arg('--script');
  if (!file) {
    process.stderr.write('usage: mock-model-server.ts --script turns.json [--port N] [--log requests.jsonl]\n');
    process.exit(2);
  }
  const script = JSON.parse(readFileSync(file, 'utf8')) as MockTurn[] | MockScript;
  const log = arg('--log');
  const port = arg('--port');
  const mock = await startMockModelServer(script, {
    port: port ? Number(port) : 0,
    onRequest: log ? (r) => appendFileSync(log, `${JSON.stringify(r)}\n`) : undefined,
  });
  process.stdout.write(`${mock.url}\n`);
  const stop = () => { void mock.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`mock model server: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
