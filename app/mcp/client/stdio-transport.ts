// An MCP client transport over a child's stdin/stdout, one JSON-RPC message
// per line. Unlike the SDK's StdioClientTransport it passes exactly the
// environment it is given (no merge with the parent's) and puts the child in
// its own process group, so a server started through a wrapper (`npx`, a shell
// script) dies with all its descendants when the session ends. A message over
// the size limit costs that message, not the server (the SDK's framing gives
// up on the stream; the native client has no limit at all): the request it
// answers fails with an error naming the server and the size, and the server
// goes on serving. Loaded lazily: it imports the SDK.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { onProcessExit } from '../../exit-hooks.js';
import { JsonLineReader, MAX_MESSAGE_BYTES, type Frame, type RequestId } from '../json-lines.js';

export interface StdioLaunch {
  /** The server's name in config.toml, for errors. */
  server: string;
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  cwd: string;
  /** Receives the child's stderr, chunk by chunk. */
  onStderr?: (chunk: string) => void;
}

const KILL_GRACE_MS = 2000;
/** JSON-RPC's "internal error": the answer exists but could not be read. */
const INTERNAL_ERROR = -32603;
/** After the child exits, how long its output may still be arriving (a grandchild may hold the pipes). */
const DRAIN_MS = 500;

/** Whether `pid` has exited and waits to be reaped: Linux's /proc says so before node's exit event. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child?: ChildProcess;
  private readonly reader: JsonLineReader;
  /** Ids of our requests still waiting for their answer: an oversized answer fails the one it names. */
  private readonly outstanding = new Set<RequestId>();
  private exited = false;
  /** `exit code 3` / `signal SIGKILL`, once the child has exited and its output is read. */
  exitStatus?: string;
  /** close() signalled the child while it ran: a signal death is ours, not the server's. */
  private signalled = false;
  /** Resolves once the child has exited and its output has been read (or DRAIN_MS passed). */
  private ended: Promise<void> | undefined;

  constructor(private readonly launch: StdioLaunch, private readonly maxBytes = MAX_MESSAGE_BYTES) {
    this.reader = new JsonLineReader(maxBytes);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('transport already started');
    return new Promise((resolve, reject) => {
      const child = spawn(this.launch.command, [...this.launch.args], {
        env: this.launch.env,
        cwd: this.launch.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      });
      this.child = child;
      // Detached, so nothing else takes it down if this process ends first (even mid-handshake).
      const unhook = onProcessExit(() => this.killNow());
      let ended!: () => void;
      this.ended = new Promise<void>((r) => (ended = r));
      child.once('error', (err) => {
        unhook();
        this.exited = true;
        ended();
        reject(err);
        this.onerror?.(err);
      });
      child.once('spawn', () => resolve());
      // The exit event may come before the last of stderr: the exit is reported once both are in.
      child.once('exit', (code, signal) => {
        unhook();
        this.exited = true;
        let timer: NodeJS.Timeout | undefined;
        const done = (): void => {
          if (this.exitStatus !== undefined) return;
          clearTimeout(timer);
          this.exitStatus = signal ? `signal ${signal}` : `exit code ${code}`;
          ended();
          this.onclose?.();
        };
        if (child.stdout?.closed !== false && child.stderr?.closed !== false) return done();
        timer = setTimeout(done, DRAIN_MS);
        child.once('close', done);
      });
      child.stdin!.on('error', (err) => this.onerror?.(err));
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const frame of this.reader.push(chunk)) this.deliver(frame);
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => this.launch.onStderr?.(chunk));
    });
  }

  private deliver(frame: Frame): void {
    switch (frame.kind) {
      case 'message': {
        const m = frame.message;
        if ('id' in m && m.id !== undefined && !('method' in m)) this.outstanding.delete(m.id);
        this.onmessage?.(m);
        return;
      }
      case 'invalid':
        this.onerror?.(new Error(`skipped a line it sent: ${frame.error}`));
        return;
      case 'oversized': {
        const what = `a message of ${mebibytes(frame.bytes)} (${frame.bytes} bytes), over the ${mebibytes(this.maxBytes)} limit codex reads`;
        if (frame.id !== undefined && this.outstanding.delete(frame.id)) {
          // The answer to one of our requests: that request fails, the server stays.
          const message = `MCP server \`${this.launch.server}\` sent ${what}; this call failed, the server is still running`;
          this.onmessage?.({ jsonrpc: '2.0', id: frame.id, error: { code: INTERNAL_ERROR, message } } as JSONRPCMessage);
        } else {
          this.onerror?.(new Error(`skipped ${what} (it answers no request of ours)`));
        }
        return;
      }
    }
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.exited) return Promise.reject(new Error('MCP server process is not running'));
    if ('method' in message && 'id' in message) this.outstanding.add(message.id);
    return new Promise((resolve, reject) => {
      stdin.write(serializeMessage(message), (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Waits up to `ms` for the child to end (its exit reported). */
  async endedWithin(ms: number): Promise<void> {
    if (!this.ended || this.exitStatus !== undefined) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ended, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
    clearTimeout(timer);
  }

  /**
   * The exit status if the child ended by itself, undefined while it runs or if close()
   * ended it. `plainCodeIsOwn`: an exit code (not a signal) after close() signalled counts
   * as its own too: right when its pipe had already broken, as it was going anyway; wrong
   * after a timeout, as a server may answer SIGTERM with exit 0.
   */
  ownExit(plainCodeIsOwn: boolean): string | undefined {
    if (!this.signalled) return this.exitStatus;
    return plainCodeIsOwn && this.exitStatus?.startsWith('exit code') ? this.exitStatus : undefined;
  }

  /** SIGTERM to the process group, SIGKILL after a grace period; resolves once the child's exit is reported. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || !this.ended) return;
    // A child that already exited, but whose exit event this busy process has not
    // handled yet, ended by itself: our signal must not take the credit.
    if (!this.exited && child.pid !== undefined && !isZombie(child.pid)) {
      this.signalled = true;
      child.stdin?.end();
      this.signal('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), KILL_GRACE_MS); });
      if (await Promise.race([this.ended.then(() => false), late])) this.signal('SIGKILL');
      clearTimeout(timer);
    }
    // Descendants that outlived the group leader (and may hold its pipes).
    this.signal('SIGKILL');
    await this.ended;
  }

  /** Synchronous kill for the process-exit hook. */
  private killNow(): void {
    if (this.child && !this.exited) this.signal('SIGKILL');
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      // No such group (already gone); the leader alone if it somehow is not.
      if (!this.exited) this.child?.kill(sig);
    }
  }
}

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}
