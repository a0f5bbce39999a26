// `codex proxy` (and the `codex-proxy` binary): an OpenAI-compatible
// pass-through to the configured model provider on a local port.
import type { CommandContext } from '../command-context.js';
import { configureLogging } from '../log.js';

export function parseBind(value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port <= 65535)) {
    throw new Error(`--bind: expected HOST:PORT (e.g. 127.0.0.1:11435 or [::1]:11435), got '${value}'`);
  }
  return { host: m[1] ?? m[2]!, port };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function main(ctx: CommandContext): Promise<number> {
  // Servers log each request: default to info, RUST_LOG / CODEX_LOG still decide;
  // in batches, so a request costs no write of its own.
  configureLogging('stderr-batched', 'info');
  let bind;
  try {
    bind = parseBind(typeof ctx.cmd.flags.bind === 'string' ? ctx.cmd.flags.bind : '127.0.0.1:11435');
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const config = await ctx.loadConfig();
  const { startProxy } = await import('./server.js');
  if (!isLoopback(bind.host)) {
    process.stderr.write(
      `warning: binding to ${bind.host}, which is not a loopback address. The proxy adds your API key to requests ` +
        'that carry none, so anyone who can reach this port can use your credentials.\n',
    );
  }
  let proxy;
  try {
    proxy = await startProxy({ config, ...bind, allowCorsAny: ctx.cmd.flags['allow-cors-any'] === true });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  // Handlers go in before the banner: a supervisor may signal as soon as it reads it.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.stderr.write(`${signal}: stopping; waiting up to 10s for ${proxy.inFlight()} in-flight request(s)\n`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      // A second signal while draining stops at once.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      void proxy.close(10_000).then(resolve);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  process.stdout.write(
    `codex proxy listening on ${proxy.url} (health: /health, proxying: /v1/* -> ${config.provider.baseUrl})\n` +
      'Press Ctrl+C to stop the proxy.\n',
  );
  await stopped;
  return 0;
}
