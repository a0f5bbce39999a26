// A proxy in this process in front of a provider at `baseUrl`, with a
// throwaway CODEX_HOME holding its config; close() stops the proxy and
// removes the home.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config/index.js';
import { startProxy, type RunningProxy } from '../../app/proxy/server.js';

export interface ProxyFor { readonly proxy: RunningProxy; close(): Promise<void> }

/** `providerToml`: more lines for the `[model_providers.mock]` table (env_key, http_headers, …). */
export async function proxyFor(baseUrl: string, opts: { env?: NodeJS.ProcessEnv; providerToml?: string } = {}): Promise<ProxyFor> {
  const env = opts.env ?? {};
  const home = mkdtempSync(join(tmpdir(), 'codex-proxy-'));
  writeFileSync(join(home, 'config.toml'), `model_provider = "mock"\n[model_providers.mock]\nname = "Mock"\nbase_url = "${baseUrl}"\n${opts.providerToml ?? ''}`);
  const proxy = await startProxy({ config: await loadConfig({ codexHome: home, env }), host: '127.0.0.1', port: 0, allowCorsAny: false, env });
  return {
    proxy,
    async close() {
      await proxy.close(100);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
