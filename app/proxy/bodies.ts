// Moving bodies through the proxy at few syscalls per request. A small body
// is read whole and written with its headers in one write; a large or slow
// one streams with back-pressure (`pipe`), so memory stays flat whatever its
// size. Event listeners, not async iterators or `stream.pipeline`: both
// allocate per request and show at thousands of requests per second.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/** Bodies up to this size may be held whole to go out in one write; larger ones stream. */
export const BUFFER_LIMIT = 256 * 1024;

/** All of `stream`, for bodies known to be small. */
function readAll(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    stream.once('error', reject);
    // 'close' follows 'end' on every request: an Error (and its stack) only for a body cut short.
    stream.once('close', () => {
      if (!stream.readableEnded) reject(new Error('the client closed the connection before its body was complete'));
    });
  });
}

/**
 * The request body: none, small ones whole as a Buffer (they go out with the
 * headers in one write), large or length-less ones as the stream itself.
 */
export async function requestBody(req: IncomingMessage, contentLength: string | undefined, chunked: boolean): Promise<Buffer | IncomingMessage | undefined> {
  if (chunked) return req;
  if (contentLength === undefined || contentLength === '0') return undefined;
  return Number(contentLength) <= BUFFER_LIMIT ? readAll(req) : req;
}

export interface FirstPart {
  readonly chunks: Buffer[];
  readonly bytes: number;
  /** The whole body: it ended within the first part. */
  readonly ended: boolean;
}

/**
 * What `body` delivers within the current turn of the event loop, up to `limit`
 * bytes: usually all of a small answer, which then goes out with its headers in
 * one write; for a slow or large one its start, and the rest streams. Waiting
 * one turn never holds a stream back. `whole`: the body is known to fit, so all
 * of it is awaited (a body cut short is then an error before any header went
 * out). The body is left paused.
 */
export function firstPart(body: Readable, limit: number, whole = false): Promise<FirstPart> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const stop = (): void => {
      clearImmediate(turn);
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
    };
    const cut = (): void => {
      stop();
      body.pause();
      resolve({ chunks, bytes, ended: false });
    };
    const onData = (c: Buffer): void => {
      chunks.push(c);
      bytes += c.length;
      if (bytes > limit) cut();
    };
    const onEnd = (): void => {
      stop();
      resolve({ chunks, bytes, ended: true });
    };
    const onError = (err: Error): void => {
      stop();
      reject(err);
    };
    // 'close' without 'end' or 'error' first: the body was cut short.
    const onClose = (): void => onError(new Error('the upstream closed the connection before the body was complete'));
    const turn = whole ? undefined : setImmediate(cut);
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
  });
}

/**
 * Sends the head (written, not yet sent) with the body bytes at hand, in one
 * write: node writes a head and a first chunk apart unless the socket is
 * corked. With none at hand, the head alone, so the client sees the status
 * however late the body comes.
 */
export function sendHead(res: ServerResponse, chunks: readonly Buffer[]): void {
  if (chunks.length === 0) {
    res.flushHeaders();
    return;
  }
  res.cork();
  for (const c of chunks) res.write(c);
  res.uncork();
}

/**
 * Copies the rest of an upstream body to the client with back-pressure. Plain
 * `pipe` with explicit error handling; resolves when the client has it all,
 * rejects if either side breaks (and then stops the other).
 */
export function relay(body: Readable, res: ServerResponse, onBytes: (n: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on('data', (c: Buffer) => onBytes(c.length));
    body.once('error', reject);
    res.once('close', () => {
      if (res.writableFinished) resolve();
      else {
        body.destroy();
        reject(new Error('client closed the connection'));
      }
    });
    body.pipe(res);
  });
}
