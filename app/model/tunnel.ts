// HTTPS through an HTTP(S) proxy: CONNECT tunnels through the proxy, with TLS
// to the endpoint inside. The model client uses them as a keep-alive
// https.Agent's connections, the proxy's connection pool directly. Loaded only
// when HTTPS_PROXY applies.
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { proxyAuth } from './proxy-env.js';

/** Opens a CONNECT tunnel to `host:port` through `proxy`; `done` gets the raw tunnel (no TLS yet). */
export function connectTunnel(proxy: URL, host: string, port: number | string, done: (err: Error | null, socket?: Duplex) => void): void {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const connect = (proxy.protocol === 'https:' ? https : http).request({
    host: proxy.hostname, port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
    method: 'CONNECT', path: target, headers: { host: target, ...proxyAuth(proxy) }, agent: false,
  });
  connect.once('connect', (res, socket) => {
    if (res.statusCode !== 200) {
      socket.destroy();
      done(new Error(`proxy ${proxy.host} answered CONNECT ${target} with ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
      return;
    }
    done(null, socket);
  });
  connect.once('error', (e) => done(new Error(`proxy ${proxy.host}: ${e.message}`)));
  connect.end();
}

/** The TLS server name for a host: none for an IP literal (SNI carries names only). */
export function serverName(host: string): string | undefined {
  return isIP(host.replace(/^\[|\]$/g, '')) ? undefined : host;
}

class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const done = callback ?? (() => undefined);
    const host = options.host ?? options.hostname ?? '';
    connectTunnel(this.proxy, host, options.port ?? 443, (err, socket) => {
      if (err || !socket) return done(err, socket as Duplex);
      const servername = options.servername ?? serverName(host);
      done(null, tls.connect({ ...(options as tls.ConnectionOptions), socket, ...(servername ? { servername } : {}) }));
    });
    return undefined;
  }
}

export function tunnelAgent(proxy: URL): https.Agent {
  return new TunnelAgent(proxy);
}
