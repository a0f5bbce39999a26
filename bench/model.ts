// bench/model: the model client's own costs, apart from the agent and the CLI.
//  - SSE parsing and decoding throughput (in process, no network), in big and small chunks;
//  - streamModel against the scripted mock model running as its own process: the first call
//    (new connection), warm calls on the keep-alive connection (median), and a long streamed
//    reply (deltas per second), on both wires.
// No targets: the figures show where a turn's time goes and catch regressions.
// Usage: node --import tsx bench/model.ts [--runs N]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelProviderInfo } from '../app/config/types.js';
import { streamModel } from '../app/model/client.js';
import { ChatDecoder } from '../app/model/chat-wire.js';
import { ResponsesDecoder } from '../app/model/responses-wire.js';
import { SseParser } from '../app/model/sse.js';
import type { WireDecoder } from '../app/model/wire.js';
import { renderChat, renderResponses, type MockTurn } from '../test/support/mock-model-server.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;
const DELTAS = 20_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const usage = { input_tokens: 100, cached_input_tokens: 0, output_tokens: DELTAS, reasoning_output_tokens: 0, total_tokens: 100 + DELTAS };
const longText = { type: 'text' as const, text: 'x'.repeat(DELTAS * 4), deltas: Array.from({ length: DELTAS }, (_, i) => `tok${i % 10} `) };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rows: [string, string, string][] = [];

function parseBench(name: string, text: string, chunk: number, decoder: () => WireDecoder) {
  const times: number[] = [];
  let events = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const p = new SseParser();
    const d = decoder();
    events = 0;
    for (let i = 0; i < text.length; i += chunk) for (const ev of p.push(text.slice(i, i + chunk))) events += d.push(ev).length;
    for (const ev of p.end()) events += d.push(ev).length;
    events += d.finish().length;
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  rows.push([`parse+decode ${name}, ${chunk} B chunks`, `${ms.toFixed(1)} ms`, `${(text.length / 1048576 / (ms / 1000)).toFixed(0)} MiB/s, ${Math.round(events / (ms / 1000)).toLocaleString('en')} events/s`]);
}

async function startMock(dir: string, name: string, turns: MockTurn[]): Promise<{ url: string; child: ChildProcess }> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ turns, repeat: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/mock-model-server.ts'), '--script', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('\n')) resolve(out.trim()); });
    child.once('exit', (c) => reject(new Error(`mock exited with ${c}`)));
  });
  return { url, child };
}

const provider = (baseUrl: string, wireApi: 'responses' | 'chat'): ModelProviderInfo => ({
  id: 'bench', name: 'bench', baseUrl, wireApi, queryParams: {}, httpHeaders: {}, envHttpHeaders: {},
  requestMaxRetries: 0, streamMaxRetries: 0, streamIdleTimeoutMs: 30_000, requiresOpenaiAuth: false,
});
const request = { model: 'm', instructions: 'bench', input: [], tools: [], parallel_tool_calls: false, store: false, include: [] };

async function call(p: ModelProviderInfo): Promise<{ ms: number; deltas: number }> {
  const t0 = performance.now();
  let deltas = 0;
  for await (const e of streamModel(p, request)) if (e.type === 'output_text_delta') deltas++;
  return { ms: performance.now() - t0, deltas };
}

const responsesText = renderResponses([longText], usage, 0).join('');
const chatText = renderChat([longText], usage, 0, 'm').join('');
parseBench('responses', responsesText, 65536, () => new ResponsesDecoder());
parseBench('responses', responsesText, 512, () => new ResponsesDecoder());
parseBench('chat', chatText, 65536, () => new ChatDecoder('bench'));

const dir = mkdtempSync(join(tmpdir(), 'codex-bench-model-'));
const mocks = [await startMock(dir, 'short', [{ output: [{ type: 'text', text: 'Hello world' }] }]), await startMock(dir, 'long', [{ output: [longText], usage }])];
try {
  for (const wire of ['responses', 'chat'] as const) {
    const short = provider(mocks[0]!.url, wire);
    const first = await call(short);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push((await call(short)).ms);
    // Only the first call of the process opens the connection and warms the code; chat then reuses both.
    if (wire === 'responses') rows.push(['first call of the process (new connection)', `${first.ms.toFixed(1)} ms`, '']);
    rows.push([`${wire}: warm call, median of ${RUNS}`, `${median(warm).toFixed(2)} ms`, `min ${Math.min(...warm).toFixed(2)} ms`]);
    const long = provider(mocks[1]!.url, wire);
    await call(long);
    const l = await call(long);
    rows.push([`${wire}: ${DELTAS.toLocaleString('en')}-delta reply`, `${l.ms.toFixed(0)} ms`, `${Math.round(l.deltas / (l.ms / 1000)).toLocaleString('en')} deltas/s`]);
  }
} finally {
  for (const m of mocks) m.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
console.log('model client (SSE parser, decoders, streamModel against the mock model in its own process)');
for (const [a, b, c] of rows) console.log(`${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c}`);
