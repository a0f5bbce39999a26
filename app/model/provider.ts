// What a provider entry means on the wire: the endpoint URL (base_url + path +
// query_params) and the request headers (auth, identification, the provider's
// static and env-mapped headers) — reference §2 model_providers and §4.5.
import { arch, release, type } from 'node:os';
import type { ModelProviderInfo } from '../config/types.js';
import { cliVersion } from '../config/version.js';
import { resolveAuth } from './auth.js';
import { ModelError } from './errors.js';
import { wireOf } from './wires.js';

/** `base_url` + `path` + the provider's query_params. */
export function providerUrl(provider: ModelProviderInfo, path: string): URL {
  const url = new URL(provider.baseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(provider.queryParams)) url.searchParams.set(k, v);
  return url;
}

export function endpointUrl(provider: ModelProviderInfo): URL {
  return providerUrl(provider, wireOf(provider).path);
}

const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);

function missingEnv(name: string, instructions: string | undefined): ModelError {
  return new ModelError('auth', `Missing environment variable: \`${name}\`.${instructions ? ` ${instructions}` : ''}`);
}

export interface RequestAuth {
  headers: Record<string, string>;
  /** ChatGPT sign-in tokens (auth.json `tokens`) rather than an API key. */
  chatgpt: boolean;
}

/**
 * Authorization headers. `env_key` wins when set; a provider that requires
 * OpenAI auth then takes `apiKey` (exec's CODEX_API_KEY), auth.json or
 * OPENAI_API_KEY; otherwise no auth.
 */
export async function resolveRequestAuth(
  provider: ModelProviderInfo,
  codexHome: string | undefined,
  env: NodeJS.ProcessEnv,
  apiKey?: string,
): Promise<RequestAuth> {
  const bearer = (token: string, extra: Record<string, string> = {}, chatgpt = false): RequestAuth =>
    ({ headers: { authorization: `Bearer ${token}`, ...extra }, chatgpt });
  if (provider.envKey) {
    const key = nonEmpty(env[provider.envKey]);
    if (key) return bearer(key.trim());
    if (!provider.requiresOpenaiAuth) throw missingEnv(provider.envKey, provider.envKeyInstructions);
  }
  if (!provider.requiresOpenaiAuth) return { headers: {}, chatgpt: false };
  if (apiKey) return bearer(apiKey);
  const auth = codexHome ? await resolveAuth(codexHome, env) : envOnlyAuth(env);
  if (!auth) throw missingEnv(provider.envKey ?? 'OPENAI_API_KEY', provider.envKeyInstructions ?? 'Set it, or sign in with `codex login`.');
  if (auth.mode === 'apikey') return bearer(auth.apiKey);
  const access = auth.tokens.access_token;
  if (typeof access !== 'string' || access === '') throw new ModelError('auth', 'auth.json: tokens.access_token is missing; sign in again with `codex login`.');
  const account = auth.tokens.account_id;
  return bearer(access, typeof account === 'string' && account ? { 'chatgpt-account-id': account } : {}, true);
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const CHATGPT_BASE_URL = 'https://chatgpt.com/backend-api/codex';

/** With ChatGPT sign-in, the built-in provider's default endpoint is ChatGPT's Codex backend. */
export function effectiveProvider(provider: ModelProviderInfo, auth: RequestAuth): ModelProviderInfo {
  return auth.chatgpt && provider.id === 'openai' && provider.baseUrl === OPENAI_BASE_URL ? { ...provider, baseUrl: CHATGPT_BASE_URL } : provider;
}

function envOnlyAuth(env: NodeJS.ProcessEnv) {
  const apiKey = nonEmpty(env.OPENAI_API_KEY)?.trim();
  return apiKey ? { mode: 'apikey' as const, apiKey } : undefined;
}

const ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' };

/** `codex_cli_rs/<ver> (<OS> <ver>; <arch>) <terminal>` */
export function userAgent(originator: string, env: NodeJS.ProcessEnv): string {
  const term = env.TERM_PROGRAM
    ? `${env.TERM_PROGRAM}${env.TERM_PROGRAM_VERSION ? `/${env.TERM_PROGRAM_VERSION}` : ''}`
    : (env.TERM ?? 'unknown');
  return `${originator}/${cliVersion()} (${type()} ${release()}; ${ARCH[arch()] ?? arch()}) ${term}`;
}

export interface HeaderOptions {
  env: NodeJS.ProcessEnv;
  originator: string;
  sessionId?: string;
  auth: RequestAuth;
}

/** All request headers, lower-case names; the provider's own headers may override ours. */
export function requestHeaders(provider: ModelProviderInfo, o: HeaderOptions): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    originator: o.originator,
    'user-agent': userAgent(o.originator, o.env),
    ...o.auth.headers,
    ...wireOf(provider).headers(o.sessionId),
  };
  for (const [k, v] of Object.entries(provider.httpHeaders)) h[k.toLowerCase()] = v;
  for (const [k, name] of Object.entries(provider.envHttpHeaders)) {
    const v = nonEmpty(o.env[name]);
    if (v) h[k.toLowerCase()] = v;
  }
  return h;
}
