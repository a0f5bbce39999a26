// An MCP client transport over a child's stdin/stdout, using the SDK's line
// framing. Unlike the SDK's StdioClientTransport it passes exactly the
// environment it is given (no merge with the parent's) and puts the child in
// its own process group, so a server started through a wrapper (`npx`, a shell
// script) dies with all its descendants when the session ends.
// Loaded lazily: it imports the SDK.
import { spawn, type ChildProcess } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { onProcessExit } from '../../exit-hooks.js';

export interface StdioLaunch {
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  cwd: string;
  /** Receives the child's stderr, chunk by chunk. */
  onStderr?: (chunk: string) => void;
}

const KILL_GRACE_MS = 2000;

export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child?: ChildProcess;
  private readonly buffer = new ReadBuffer();
  private exited = false;
  /** `exit code 3` / `signal SIGKILL`, once the child has exited. */
  exitStatus?: string;
  /** Why codex stopped a server that broke the protocol; reported as its exit status. */
  private stopReason: string | undefined;
  /** close() was called while the child ran: its exit is ours, not the server's. */
  private closed = false;

  constructor(private readonly launch: StdioLaunch) {}

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
      child.once('error', (err) => {
        unhook();
        this.exited = true;
        reject(err);
        this.onerror?.(err);
      });
      child.once('spawn', () => resolve());
      child.once('exit', (code, signal) => {
        unhook();
        this.exited = true;
        this.exitStatus = this.stopReason ?? (signal ? `signal ${signal}` : `exit code ${code}`);
        this.onclose?.();
      });
      child.stdin!.on('error', (err) => this.onerror?.(err));
      child.stdout!.on('data', (chunk: Buffer) => {
        try {
          this.buffer.append(chunk);
        } catch (err) {
          // Over the SDK's message size limit: the stream cannot be resynchronised, so the
          // server is stopped (its calls fail, the manager reports it) instead of codex crashing.
          this.stopReason = `stopped: it sent a message over the size limit (${(err as Error).message})`;
          this.onerror?.(new Error(this.stopReason));
          void this.close();
          return;
        }
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.buffer.readMessage();
          } catch (err) {
            this.onerror?.(err as Error);
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => this.launch.onStderr?.(chunk));
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.exited) return Promise.reject(new Error('MCP server process is not running'));
    return new Promise((resolve, reject) => {
      stdin.write(serializeMessage(message), (err) => (err ? reject(err) : resolve()));
    });
  }

  /**
   * The exit status if the child ends by itself within `ms`; undefined if it still runs
   * then, or if the signal of close() ended it (a plain exit code is always its own).
   */
  async exitedWithin(ms: number): Promise<string | undefined> {
    const child = this.child;
    if (child && !this.exited) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
        child.once('exit', () => resolve());
      });
      clearTimeout(timer);
    }
    return this.closed && !this.exitStatus?.startsWith('exit code') ? undefined : this.exitStatus;
  }

  /** SIGTERM to the process group, SIGKILL after a grace period. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    this.closed = true;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    this.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), KILL_GRACE_MS); });
    if (await Promise.race([gone.then(() => false), late])) {
      this.signal('SIGKILL');
      await gone;
    }
    clearTimeout(timer);
    // Descendants that outlived the group leader.
    this.signal('SIGKILL');
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
