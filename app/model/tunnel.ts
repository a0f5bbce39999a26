// HTTPS through an HTTP(S) proxy: a keep-alive https.Agent whose connections
// are CONNECT tunnels through the proxy, with TLS to the endpoint inside.
// Loaded only when HTTPS_PROXY applies.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { proxyAuth } from './proxy-env.js';

class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const done = callback ?? (() => undefined);
    const target = `${options.host ?? options.hostname}:${options.port ?? 443}`;
    const p = this.proxy;
    const connect = (p.protocol === 'https:' ? https : http).request({
      host: p.hostname, port: p.port || (p.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT', path: target, headers: { host: target, ...proxyAuth(p) }, agent: false,
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(new Error(`proxy ${p.host} answered CONNECT ${target} with ${res.statusCode} ${res.statusMessage ?? ''}`.trim()), socket);
        return;
      }
      const servername = options.servername ?? (options.host ?? options.hostname ?? undefined);
      done(null, tls.connect({ ...(options as tls.ConnectionOptions), socket, ...(servername ? { servername } : {}) }));
    });
    connect.once('error', (e) => done(new Error(`proxy ${p.host}: ${e.message}`), connect.socket as Duplex));
    connect.end();
    return undefined;
  }
}

export function tunnelAgent(proxy: URL): https.Agent {
  return new TunnelAgent(proxy);
}
