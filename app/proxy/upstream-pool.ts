// The proxy's HTTP/1.1 client: kept-alive connections to the provider, reused
// last-in first-out, as many as requests in flight (a long SSE stream holds
// one for minutes; a cap would make streams past it wait). A request goes out
// as one write (head and a small body together); a response that arrived whole
// is handed over as its chunks, a longer one as a stream read with
// back-pressure (the connection is paused while the client is behind). Leaner
// per request than node:http's client: no ClientRequest, IncomingMessage or
// agent bookkeeping, and no header object.
import { Readable, type Duplex } from 'node:stream';
import type { Connector } from './connector.js';
import type { RawHeaders } from './headers.js';
import { ResponseReader, type ResponseHead } from './response-reader.js';

export type UpstreamResponse = ResponseHead & (
  /** The whole body came with the head. */
  | { readonly kind: 'whole'; readonly chunks: Buffer[]; readonly bytes: number }
  /** The rest comes as a stream: it errors if the upstream breaks before the body is complete. */
  | { readonly kind: 'stream'; readonly body: Readable }
);

export interface UpstreamRequest {
  readonly method: string;
  /** Path and query, as sent on the request line (after the connector's prefix). */
  readonly path: string;
  readonly headers: RawHeaders;
  /** None, whole, or a stream sent with back-pressure (`chunked`: framed as chunks, else by its Content-Length). */
  readonly body: Buffer | Readable | undefined;
  readonly chunked: boolean;
  /** Counts request body bytes as they go out. */
  onBytes(n: number): void;
}

export interface Exchange {
  readonly response: Promise<UpstreamResponse>;
  /** Stops the request: its connection is closed, not reused. */
  abort(): void;
}

/** Idle connections kept at most (node's agent keeps 256 too): after a burst of streams the rest are closed. */
const MAX_IDLE = 256;
const CRLF = Buffer.from('\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');

function requestHead(r: UpstreamRequest, prefix: string): string {
  let head = `${r.method} ${prefix}${r.path} HTTP/1.1\r\n`;
  const h = r.headers;
  for (let i = 0; i < h.length; i += 2) head += `${h[i]}: ${h[i + 1]}\r\n`;
  return `${head}\r\n`;
}

export class UpstreamPool {
  private readonly idle: Duplex[] = [];
  private readonly busy = new Set<Duplex>();

  /** `maxIdle`: idle connections kept at most. */
  constructor(private readonly connector: Connector, private readonly maxIdle = MAX_IDLE) {}

  send(r: UpstreamRequest): Exchange {
    let current: Attempt | undefined;
    let aborted = false;
    const response = new Promise<UpstreamResponse>((resolve, reject) => {
      const start = (retry: boolean): void => {
        const socket = retry ? undefined : this.idle.pop();
        const attempt = new Attempt(this, r, resolve, (err, replay) => {
          // A kept connection the upstream closed just as it was picked: once more on a new one,
          // when nothing of the answer came and the body can be sent again.
          if (replay && !aborted) start(true);
          else reject(err);
        }, socket !== undefined);
        current = attempt;
        if (socket) attempt.run(socket);
        else {
          const opened = this.connector.open();
          if (opened instanceof Promise) opened.then((s) => (aborted ? s.destroy() : attempt.run(s)), (e: unknown) => attempt.fail(e as Error));
          else attempt.run(opened);
        }
      };
      start(false);
    });
    return {
      response,
      abort: () => {
        aborted = true;
        current?.abort();
      },
    };
  }

  /** Takes `socket` back for the next request (past `maxIdle` kept, it is closed). */
  release(socket: Duplex): void {
    this.busy.delete(socket);
    if (this.idle.length >= this.maxIdle) {
      socket.destroy();
      return;
    }
    socket.resume();
    this.idle.push(socket);
  }

  adopt(socket: Duplex): void {
    this.busy.add(socket);
  }

  get pathPrefix(): string {
    return this.connector.pathPrefix;
  }

  /** Forgets a socket that closed or broke (idle or not). */
  drop(socket: Duplex): void {
    this.busy.delete(socket);
    const i = this.idle.indexOf(socket);
    if (i >= 0) this.idle.splice(i, 1);
  }

  /** Closes every connection, idle and busy. */
  destroy(): void {
    for (const s of [...this.idle, ...this.busy]) s.destroy();
    this.idle.length = 0;
    this.busy.clear();
  }

  /** Listeners a connection keeps for its whole life: while idle, anything it does ends it. */
  watch(socket: Duplex, attempt: () => Attempt | undefined): void {
    const idleEnd = (): void => {
      if (attempt()) return;
      this.drop(socket);
      socket.destroy();
    };
    socket.on('data', (c: Buffer) => (attempt() ? attempt()!.data(c) : idleEnd()));
    socket.on('error', (e: Error) => (attempt() ? attempt()!.fail(e) : idleEnd()));
    socket.on('close', () => {
      this.drop(socket);
      attempt()?.closed();
    });
  }
}

const owner = new WeakMap<Duplex, Attempt | undefined>();

/** One request on one connection. */
class Attempt {
  private socket: Duplex | undefined;
  private reader: ResponseReader;
  private head: ResponseHead | undefined;
  private chunks: Buffer[] = [];
  private bytes = 0;
  private stream: Readable | undefined;
  private settled = false;
  private ended = false;
  private reusable = false;
  private sent = false;
  private gotBytes = false;
  private finished = false;

  constructor(
    private readonly pool: UpstreamPool,
    private readonly r: UpstreamRequest,
    private readonly resolve: (res: UpstreamResponse) => void,
    /** `replay`: the attempt failed in a way a new connection may fix. */
    private readonly reject: (err: Error, replay: boolean) => void,
    private readonly reused: boolean,
  ) {
    this.reader = new ResponseReader({
      head: (h) => (this.head = h),
      data: (c) => {
        this.bytes += c.length;
        if (!this.stream) this.chunks.push(c);
        else if (!this.stream.push(c)) this.socket?.pause();
      },
      end: (reusable) => {
        this.ended = true;
        this.reusable = reusable;
      },
    }, r.method === 'HEAD');
  }

  run(socket: Duplex): void {
    this.socket = socket;
    if (!owner.has(socket)) this.pool.watch(socket, () => owner.get(socket));
    owner.set(socket, this);
    this.pool.adopt(socket);
    this.write(socket);
  }

  private write(socket: Duplex): void {
    const { r } = this;
    const head = requestHead(r, this.pool.pathPrefix);
    const body = r.body;
    if (body === undefined || Buffer.isBuffer(body)) {
      const n = body?.length ?? 0;
      r.onBytes(n);
      if (n === 0) socket.write(head, 'latin1');
      else {
        const out = Buffer.allocUnsafe(Buffer.byteLength(head, 'latin1') + n);
        body!.copy(out, out.write(head, 0, 'latin1'));
        socket.write(out);
      }
      this.sent = true;
      return;
    }
    socket.write(head, 'latin1');
    const onData = (c: Buffer): void => {
      r.onBytes(c.length);
      let ok: boolean;
      if (r.chunked) {
        socket.cork();
        socket.write(`${c.length.toString(16)}\r\n`, 'latin1');
        socket.write(c);
        ok = socket.write(CRLF);
        socket.uncork();
      } else ok = socket.write(c);
      if (!ok) body.pause();
    };
    const onDrain = (): void => void body.resume();
    const onEnd = (): void => {
      stop();
      if (r.chunked) socket.write(LAST_CHUNK);
      this.sent = true;
      this.settle();
    };
    const stop = (): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      socket.off('drain', onDrain);
    };
    this.stopSending = stop;
    body.on('data', onData);
    body.once('end', onEnd);
    socket.on('drain', onDrain);
  }

  private stopSending: (() => void) | undefined;

  data(c: Buffer): void {
    this.gotBytes = true;
    try {
      this.reader.feed(c);
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    this.settle();
  }

  closed(): void {
    if (this.finished) return;
    try {
      this.reader.closed();
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    this.settle();
  }

  /** Hands the response over once its head is in, and the connection back once it is done. */
  private settle(): void {
    if (this.finished) return;
    if (!this.settled && this.head) {
      this.settled = true;
      const head = this.head;
      // Literals of one shape (a spread of the head costs more per request).
      if (this.ended) this.resolve({ status: head.status, rawHeaders: head.rawHeaders, kind: 'whole', chunks: this.chunks, bytes: this.bytes });
      else {
        const socket = this.socket!;
        this.stream = new Readable({
          // The client took what it had: read on, unless this connection serves another request by now.
          read: () => void (owner.get(socket) === this && socket.resume()),
        });
        for (const c of this.chunks) this.stream.push(c);
        this.chunks = [];
        this.resolve({ status: head.status, rawHeaders: head.rawHeaders, kind: 'stream', body: this.stream });
      }
    }
    if (!this.ended) return;
    this.stream?.push(null);
    if (!this.sent) {
      // Answered before the body was all sent: the rest of it has nowhere to go on this connection.
      this.stopSending?.();
      this.reusable = false;
    }
    this.done(this.reusable);
  }

  /** Leaves the connection: back to the pool, or closed. */
  private done(reuse: boolean): void {
    this.finished = true;
    const socket = this.socket;
    if (!socket) return;
    owner.set(socket, undefined);
    if (reuse && !socket.destroyed) this.pool.release(socket);
    else {
      this.pool.drop(socket);
      socket.destroy();
    }
  }

  fail(err: Error): void {
    if (this.finished) return;
    this.stopSending?.();
    this.done(false);
    if (!this.settled) {
      this.settled = true;
      this.reject(err, this.reused && !this.gotBytes && !(this.r.body instanceof Readable));
    } else this.stream?.destroy(err);
  }

  abort(): void {
    this.fail(new Error('aborted'));
  }
}
