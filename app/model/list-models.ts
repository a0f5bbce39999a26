// The provider's models (`GET {base_url}/models`, OpenAI's list shape), for
// /model. Asked only when the picker opens, with a short timeout: a provider
// that does not answer, or answers something else, is an error the picker
// shows beside its fallback list.
import { z } from 'zod';
import type { ModelProviderInfo } from '../config/types.js';
import { readText, send } from './http.js';
import { effectiveProvider, providerUrl, requestHeaders, resolveRequestAuth } from './provider.js';
import { proxyFor } from './proxy-env.js';

const modelList = z.object({ data: z.array(z.object({ id: z.string() })) });

/** The model ids the provider lists, sorted; throws an Error saying what went wrong. */
export async function listModels(provider: ModelProviderInfo, codexHome: string, env: NodeJS.ProcessEnv, timeoutMs = 3000): Promise<string[]> {
  const auth = await resolveRequestAuth(provider, codexHome, env);
  const effective = effectiveProvider(provider, auth);
  const url = providerUrl(effective, '/models');
  const headers: Record<string, string> = { ...requestHeaders(effective, { env, originator: 'codex_cli_rs', auth }), accept: 'application/json' };
  delete headers['content-type'];
  const signal = AbortSignal.timeout(timeoutMs);
  const proxy = proxyFor(url, env);
  const res = await send(url, { method: 'GET', headers, signal, timeoutMs, ...(proxy && { proxy }) });
  const body = await readText(res, timeoutMs, 4 * 1024 * 1024);
  if ((res.statusCode ?? 0) >= 400) throw new Error(`${url.origin}${url.pathname} answered ${res.statusCode}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${url.origin}${url.pathname} did not answer JSON`);
  }
  const list = modelList.safeParse(parsed);
  if (!list.success) throw new Error(`${url.origin}${url.pathname} did not answer a model list ({"data":[{"id":…}]})`);
  return [...new Set(list.data.data.map((m) => m.id))].sort();
}
