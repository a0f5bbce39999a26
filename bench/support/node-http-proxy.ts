// The floor of a Node proxy, for bench/proxy's reference row: the plainest
// pass-through node:http makes (a server, a keep-alive Agent to the upstream,
// bodies piped both ways, hop-by-hop headers dropped), with none of what
// `codex proxy` adds (auth, limits, an access log). What it costs per request
// is what node:http costs; nginx's row says what a C proxy costs.
// Usage: node --import tsx bench/support/node-http-proxy.ts UPSTREAM_BASE_URL  (prints "listening on http://…"; /v1/x → UPSTREAM_BASE_URL/x)
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstream = new URL(process.argv[2]!);
const prefix = upstream.pathname.replace(/\/$/, '');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);
const endToEnd = (headers: IncomingHttpHeaders): IncomingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));

const server = createServer((req, res) => {
  const path = prefix + (req.url ?? '/').replace(/^\/v1(?=\/|$)/, '');
  const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: endToEnd(req.headers), agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
    answer.pipe(res);
  });
  up.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(up);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, () => process.exit(0));
