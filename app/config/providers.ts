// Built-in model providers (reference §2) and the conversion of a
// `[model_providers.ID]` entry into the resolved ModelProviderInfo.
import type { ModelProviderToml } from './schema.js';
import type { ModelProviderInfo } from './types.js';

const MAX_RETRIES = 100;
export const OSS_DEFAULT_MODEL = 'gpt-oss:20b';

function nonEmpty(v: string | undefined): string | undefined {
  return v && v.trim() ? v : undefined;
}

/** Ollama's OpenAI-compatible API lives under /v1: a bare `http://host:11434` means that. */
function ollamaApi(url: string): string {
  try {
    if (new URL(url).pathname.replace(/\/+$/, '') === '') return `${url.replace(/\/+$/, '')}/v1`;
  } catch { /* not a URL: the request reports it */ }
  return url;
}

/** The ids users cannot redefine, with their entries as of this environment. */
export function builtinProviders(env: NodeJS.ProcessEnv, cliVersion: string): Record<string, ModelProviderToml> {
  const ossPort = nonEmpty(env.CODEX_OSS_PORT) ?? '11434';
  return {
    openai: {
      name: 'OpenAI',
      base_url: nonEmpty(env.OPENAI_BASE_URL) ?? 'https://api.openai.com/v1',
      wire_api: 'responses',
      http_headers: { version: cliVersion },
      env_http_headers: { 'OpenAI-Organization': 'OPENAI_ORGANIZATION', 'OpenAI-Project': 'OPENAI_PROJECT' },
      requires_openai_auth: true,
    },
    oss: {
      name: 'gpt-oss',
      base_url: ollamaApi(nonEmpty(env.CODEX_OSS_BASE_URL) ?? `http://localhost:${ossPort}/v1`),
      wire_api: 'chat',
      requires_openai_auth: false,
    },
  };
}

export function toProviderInfo(id: string, p: ModelProviderToml): ModelProviderInfo {
  return {
    id,
    name: p.name,
    // A user provider without base_url talks to OpenAI's endpoint, as the original does.
    baseUrl: (p.base_url ?? 'https://api.openai.com/v1').replace(/\/+$/, ''),
    ...(p.env_key !== undefined && { envKey: p.env_key }),
    ...(p.env_key_instructions !== undefined && { envKeyInstructions: p.env_key_instructions }),
    wireApi: p.wire_api,
    queryParams: p.query_params ?? {},
    httpHeaders: p.http_headers ?? {},
    envHttpHeaders: p.env_http_headers ?? {},
    requestMaxRetries: Math.min(p.request_max_retries ?? 4, MAX_RETRIES),
    streamMaxRetries: Math.min(p.stream_max_retries ?? 5, MAX_RETRIES),
    streamIdleTimeoutMs: p.stream_idle_timeout_ms ?? 300_000,
    requiresOpenaiAuth: p.requires_openai_auth,
  };
}
