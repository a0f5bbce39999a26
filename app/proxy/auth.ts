// Credentials the proxy adds when the client sent no Authorization: the
// provider's env_key, then auth.json's API key (or OPENAI_API_KEY), re-resolved
// every second so a key saved with `codex login` while the proxy runs is used.
import type { Config } from '../config/types.js';
import { resolveAuth } from '../model/auth.js';

let cached: { at: number; home: string; value: string | undefined } | undefined;
/** auth.json is re-read at most once a second, not on every request. */
const AUTH_TTL_MS = 1000;

export async function injectedAuthorization(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const envKey = config.provider.envKey;
  const fromEnv = envKey ? env[envKey]?.trim() : undefined;
  if (fromEnv) return `Bearer ${fromEnv}`;
  if (cached && cached.home === config.codexHome && Date.now() - cached.at < AUTH_TTL_MS) return cached.value;
  const value = await fromAuthFile(config, env);
  cached = { at: Date.now(), home: config.codexHome, value };
  return value;
}

async function fromAuthFile(config: Config, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const auth = await resolveAuth(config.codexHome, env);
  if (auth?.mode === 'apikey') return `Bearer ${auth.apiKey}`;
  const access = auth?.mode === 'chatgpt' ? auth.tokens.access_token : undefined;
  return typeof access === 'string' && access ? `Bearer ${access}` : undefined;
}

/** Static and env-derived provider headers (`http_headers`, `env_http_headers`). */
export function providerHeaders(config: Config, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = { ...config.provider.httpHeaders };
  for (const [header, variable] of Object.entries(config.provider.envHttpHeaders)) {
    const value = env[variable]?.trim();
    if (value) out[header] = value;
  }
  return out;
}
