// The proxy's connections to the provider: kept and reused, tried once more
// on a new one when a kept connection turns out closed before any answer
// (only when the body can be sent again), not reused after an answer that
// came before the upload ended, and a credential that would split a header
// never sent. A raw TCP server plays the provider, so each connection and
// every byte on it is visible.
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { test } from 'node:test';
import { connector } from '../../app/proxy/connector.js';
import type { RunningProxy } from '../../app/proxy/server.js';
import { UpstreamPool } from '../../app/proxy/upstream-pool.js';
import { waitFor } from '../support/wait.js';
import { proxyFor } from './proxy-for.js';

/** What the raw provider does with request number `n` (from 1, over all connections) on connection `conn`. */
type Script = (n: number, conn: number, head: string, socket: Socket) => void;

interface Rig { proxy: RunningProxy; connections: () => number; heads: string[]; close(): Promise<void> }

async function rig(script: Script, env: NodeJS.ProcessEnv = {}, providerToml = ''): Promise<Rig> {
  let conns = 0;
  let n = 0;
  const heads: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const conn = ++conns;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      // One request at a time: its head, then its body as Content-Length says.
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.slice(0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + length) {
          if (/^POST \/v1\/early/.test(head)) {
            buf = '';
            heads.push(head);
            script(++n, conn, head, socket);
          }
          return;
        }
        buf = buf.slice(end + 4 + length);
        heads.push(head);
        script(++n, conn, head, socket);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const running = await proxyFor(`http://127.0.0.1:${(server.address() as { port: number }).port}/v1`, { env, providerToml: `env_key = "RIG_KEY"\n${providerToml}` });
  return {
    proxy: running.proxy, heads, connections: () => conns,
    async close() {
      await running.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const ok = (socket: Socket, body: string, extra = ''): void =>
  void socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\n${extra}\r\n${body}`);

test('requests one after another share one kept connection; a kept connection the provider dropped is replaced', async () => {
  const r = await rig((n, _conn, _head, socket) => {
    // The third request finds its kept connection closed without an answer: the classic keep-alive race.
    if (n === 3) socket.destroy();
    else ok(socket, `answer ${n}`);
  });
  try {
    for (const expected of ['answer 1', 'answer 2']) {
      const res = await fetch(`${r.proxy.url}/v1/models`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
      assert.equal(await res.text(), expected);
    }
    assert.equal(r.connections(), 1, 'the second request reused the first connection');
    const res = await fetch(`${r.proxy.url}/v1/models`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'answer 4', 'sent once more, on a new connection');
    assert.equal(r.connections(), 2);
    assert.match(r.heads[3]!, /^POST \/v1\/models HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\n/);
  } finally {
    await r.close();
  }
});

test('a streamed upload is not sent twice: a kept connection dropped before any answer is a 502', async () => {
  const r = await rig((n, _conn, _head, socket) => (n === 2 ? socket.destroy() : ok(socket, 'fine')));
  try {
    assert.equal((await fetch(`${r.proxy.url}/v1/files`, { method: 'POST', body: 'x' })).status, 200);
    const big = new Uint8Array(400_000); // over the proxy's whole-body limit: streamed
    const res = await fetch(`${r.proxy.url}/v1/files`, { method: 'POST', body: big });
    assert.equal(res.status, 502);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /^Upstream error: .*closed the connection before answering/);
    assert.equal(r.heads.length, 2, 'the upload went out once');
  } finally {
    await r.close();
  }
});

test('an answer that comes before the upload is complete reaches the client, and that connection is not reused', async () => {
  const r = await rig((n, _conn, head, socket) => {
    if (/^POST \/v1\/early/.test(head)) socket.write('HTTP/1.1 413 Payload Too Large\r\ncontent-length: 8\r\n\r\ntoo big!');
    else ok(socket, `answer ${n}`);
  });
  try {
    const res = await fetch(`${r.proxy.url}/v1/early`, { method: 'POST', body: new Uint8Array(8_000_000) }).catch((e: Error) => e);
    // The client may see the answer or, if it was still sending when the proxy closed, a reset: never a hang.
    if (!(res instanceof Error)) {
      assert.equal(res.status, 413);
      assert.equal(await res.text(), 'too big!');
    }
    const next = await fetch(`${r.proxy.url}/v1/models`);
    assert.equal(await next.text(), 'answer 2');
    assert.equal(r.connections(), 2, 'the early answer\'s connection was closed, the next request opened another');
  } finally {
    await r.close();
  }
});

test('a credential holding a line break is never sent as a header', async () => {
  const r = await rig((_n, _conn, _head, socket) => ok(socket, 'no'), { RIG_KEY: 'sk-a\r\nX-Injected: 1' });
  try {
    const res = await fetch(`${r.proxy.url}/v1/models`);
    assert.equal(res.status, 500);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /the stored credential has a character not allowed in a header value/);
    assert.equal(r.heads.length, 0, 'nothing reached the provider');
  } finally {
    await r.close();
  }
});

test('provider headers fill in what the client did not send, and never a second Host', async () => {
  const r = await rig((_n, _conn, _head, socket) => ok(socket, 'fine'), { RIG_KEY: 'sk-rig' }, 'http_headers = { "X-Provider" = "p", "x-client" = "from-provider", "Host" = "elsewhere.test" }\n');
  try {
    assert.equal(await (await fetch(`${r.proxy.url}/v1/models`, { headers: { 'X-Client': 'mine' } })).text(), 'fine');
    const lines = r.heads[0]!.split('\r\n').slice(1).map((l) => l.toLowerCase());
    assert.deepEqual(lines.filter((l) => /^(x-provider|x-client|authorization):/.test(l)), ['x-client: mine', 'x-provider: p', 'authorization: bearer sk-rig']);
    const hosts = lines.filter((l) => l.startsWith('host:'));
    assert.equal(hosts.length, 1, hosts.join(', '));
    assert.match(hosts[0]!, /^host: 127\.0\.0\.1:\d+$/);
  } finally {
    await r.close();
  }
});

test('a chunked upload goes out chunked, ends where it ends, and its connection serves the next request', async () => {
  const seen: { te?: string; body: string; socketId: number }[] = [];
  const sockets = new Map<object, number>();
  const upstream = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('latin1').on('data', (d: string) => (body += d));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size + 1);
      seen.push({ te: req.headers['transfer-encoding'], body, socketId: sockets.get(req.socket)! });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const { proxy, close } = await proxyFor(`http://127.0.0.1:${(upstream.address() as { port: number }).port}/v1`);
  try {
    const parts = ['first part;', 'x'.repeat(300_000), 'last\r\n0\r\n\r\n'];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(Buffer.from(next, 'latin1'));
      },
    });
    const res = await fetch(`${proxy.url}/v1/files`, { method: 'POST', body, duplex: 'half', headers: { authorization: 'Bearer k' } } as RequestInit);
    assert.equal(await res.text(), 'ok');
    assert.equal(await (await fetch(`${proxy.url}/v1/models`, { headers: { authorization: 'Bearer k' } })).text(), 'ok');
    assert.deepEqual(seen.map((x) => [x.te, x.body.length, x.socketId]), [['chunked', 11 + 300_000 + 11, 1], [undefined, 0, 1]]);
    assert.equal(seen[0]!.body, `first part;${'x'.repeat(300_000)}last\r\n0\r\n\r\n`, 'the body arrives as sent, a look-alike last chunk inside it included');
  } finally {
    await close();
    upstream.closeAllConnections();
    upstream.close();
  }
});

test('after a burst, idle connections past the pool\'s limit are closed', async () => {
  const held: Socket[] = [];
  let closed = 0;
  const server = createServer((socket) => {
    socket.on('close', () => closed++);
    socket.once('data', () => {
      held.push(socket);
      // All three in flight at once, then all answered.
      if (held.length === 3) for (const s of held) ok(s, 'x');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const pool = new UpstreamPool(connector(new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}`), undefined), 2);
  try {
    const send = () => pool.send({ method: 'GET', path: '/', headers: ['host', 'x'], body: undefined, chunked: false, onBytes: () => undefined }).response;
    const answers = await Promise.all([send(), send(), send()]);
    assert.deepEqual(answers.map((a) => [a.status, a.kind]), [[200, 'whole'], [200, 'whole'], [200, 'whole']]);
    await waitFor(() => closed === 1, 'the connection past the limit to close');
    assert.equal(held.filter((s) => !s.destroyed).length, 2, 'two stay open for the next requests');
  } finally {
    pool.destroy();
    server.close();
  }
});
