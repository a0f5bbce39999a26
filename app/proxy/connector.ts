// How the proxy opens a connection to its provider: TCP or TLS to the base
// URL's host, or through HTTPS_PROXY / HTTP_PROXY (a CONNECT tunnel for an
// https provider, absolute-form requests to the proxy for an http one). The
// rule for when a forward proxy applies is the model client's (proxy-env.ts).
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { proxyAuth } from '../model/proxy-env.js';
import { connectTunnel, serverName } from '../model/tunnel.js';
import type { RawHeaders } from './headers.js';

export interface Connector {
  /** A new connection; writes may start at once (they wait for the connection). */
  open(): Duplex | Promise<Duplex>;
  /** Put before each request path: the origin, for absolute-form requests to a forward proxy. */
  readonly pathPrefix: string;
  /** Headers every request carries: Host, and the forward proxy's credentials. */
  readonly headers: RawHeaders;
}

const defaultPort = (u: URL): number => Number(u.port || (u.protocol === 'https:' ? 443 : 80));
const bare = (host: string): string => host.replace(/^\[|\]$/g, '');

/** TCP (no Nagle delay: a request goes out in one write) or TLS speaking HTTP/1.1 to `host:port`. */
function direct(host: string, port: number, secure: boolean): Duplex {
  if (!secure) return net.connect({ host, port, noDelay: true, keepAlive: true, keepAliveInitialDelay: 1000 });
  const servername = serverName(host);
  const socket = tls.connect({ host, port, ALPNProtocols: ['http/1.1'], ...(servername ? { servername } : {}) });
  socket.setNoDelay(true);
  return socket;
}

export function connector(origin: URL, proxy: URL | undefined): Connector {
  const host = bare(origin.hostname);
  const headers: RawHeaders = ['host', origin.host, ...(proxy ? Object.entries(proxyAuth(proxy)).flat() : [])];
  if (!proxy) return { open: () => direct(host, defaultPort(origin), origin.protocol === 'https:'), pathPrefix: '', headers };
  if (origin.protocol === 'https:') {
    // CONNECT credentials go on the tunnel request, not on the requests inside it.
    const servername = serverName(host);
    return {
      pathPrefix: '',
      headers: ['host', origin.host],
      open: () => new Promise<Duplex>((resolve, reject) => {
        connectTunnel(proxy, host, defaultPort(origin), (err, socket) => {
          if (err || !socket) return reject(err ?? new Error('no tunnel'));
          resolve(tls.connect({ socket, ALPNProtocols: ['http/1.1'], ...(servername ? { servername } : {}) }));
        });
      }),
    };
  }
  return { open: () => direct(bare(proxy.hostname), defaultPort(proxy), proxy.protocol === 'https:'), pathPrefix: origin.origin, headers };
}
