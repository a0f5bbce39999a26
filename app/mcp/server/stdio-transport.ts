// The MCP server's stdio transport. The SDK's own gives up on the stream
// (closes, and with it the server) at the first message over 10 MiB; this one
// answers that message with a JSON-RPC error, logs it, and keeps serving, as
// it does for a line that is not JSON-RPC at all.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { logger } from '../../log.js';
import { JsonLineReader, MAX_MESSAGE_BYTES, type Frame, type RequestId } from '../json-lines.js';

const log = logger('codex_mcp_server');

/** JSON-RPC 2.0 error codes. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

export class ServerStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private readonly reader: JsonLineReader;
  private closed = false;

  constructor(
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {
    this.reader = new JsonLineReader(maxBytes);
  }

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onError);
  }

  private readonly onData = (chunk: Buffer | string): void => {
    for (const frame of this.reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) this.deliver(frame);
  };

  private readonly onError = (err: Error): void => this.onerror?.(err);

  private deliver(frame: Frame): void {
    switch (frame.kind) {
      case 'message':
        this.onmessage?.(frame.message);
        return;
      case 'invalid':
        log.warn(`ignored a line from the client: ${frame.error}`);
        this.reply(undefined, PARSE_ERROR, `Parse error: ${frame.error}`);
        return;
      case 'oversized': {
        const limit = `${this.maxBytes / (1024 * 1024)} MiB`;
        log.warn(`refused a message of ${frame.bytes} bytes${frame.id === undefined ? '' : ` (id ${JSON.stringify(frame.id)})`}: over the ${limit} limit`);
        this.reply(frame.id, INVALID_REQUEST, `Message of ${frame.bytes} bytes exceeds the ${limit} limit; it was not processed`);
        return;
      }
    }
  }

  /** An error answer; without an id (it could not be read) the SDK's clients still accept it. */
  private reply(id: RequestId | undefined, code: number, message: string): void {
    void this.send({ jsonrpc: '2.0', ...(id !== undefined && { id }), error: { code, message } } as JSONRPCMessage);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onError);
    this.stdin.pause();
    this.onclose?.();
  }
}
