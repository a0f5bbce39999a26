// `--oss`: before the first turn, check that the local Ollama server (the `oss`
// provider, CODEX_OSS_BASE_URL / CODEX_OSS_PORT) answers, and that it has the
// model, so the user gets one clear message instead of five reconnect attempts.
// Servers that are OpenAI-compatible but not Ollama pass when `GET /models` works.
import type { IncomingMessage } from 'node:http';
import { ModelError } from './errors.js';
import { readText, send } from './http.js';

const INSTALL = 'Install it from https://ollama.com/download and start it with `ollama serve`';

async function get(url: URL, timeoutMs: number): Promise<{ status: number; body: string }> {
  const res: IncomingMessage = await send(url, { method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
  return { status: res.statusCode ?? 0, body: await readText(res, timeoutMs) };
}

/** The tag list of an Ollama server: `gpt-oss:20b` matches `gpt-oss:20b`; `llama3` matches `llama3:latest`. */
export function hasModel(tags: string[], model: string): boolean {
  const want = model.includes(':') ? model : `${model}:latest`;
  return tags.includes(want) || tags.includes(model);
}

/** The error for an `oss` provider nobody answers at; the client uses it too, instead of retrying. */
export function ossUnreachable(baseUrl: string, cause: string): ModelError {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  return new ModelError('unreachable',
    `No running Ollama server detected at ${root} (${cause}). ${INSTALL}, or point CODEX_OSS_BASE_URL / CODEX_OSS_PORT at it.`);
}

/** Resolves when the server at `baseUrl` (…/v1) is up and, for Ollama, has `model`; else a ModelError. */
export async function ensureOssReady(baseUrl: string, model?: string, timeoutMs = 3000): Promise<void> {
  const base = baseUrl.replace(/\/+$/, '');
  const root = base.replace(/\/v1$/, '');
  let tags: { status: number; body: string };
  try {
    tags = await get(new URL(`${root}/api/tags`), timeoutMs);
  } catch (e) {
    throw ossUnreachable(baseUrl, (e as Error).message);
  }
  if (tags.status === 200) {
    if (!model) return;
    let names: string[] = [];
    try {
      names = ((JSON.parse(tags.body) as { models?: { name?: string }[] }).models ?? []).flatMap((m) => (m.name ? [m.name] : []));
    } catch {
      return; // answered, but not with Ollama's JSON: let the chat request speak for itself
    }
    if (!hasModel(names, model)) {
      throw new ModelError('fatal', `Model \`${model}\` is not available on the Ollama server at ${root}. Pull it with \`ollama pull ${model}\`.`);
    }
    return;
  }
  // Not Ollama's API: an OpenAI-compatible server (LM Studio, vLLM, …) is fine if it lists models.
  const models = await get(new URL(`${base}/models`), timeoutMs).catch(() => undefined);
  if (models && models.status >= 200 && models.status < 300) return;
  throw new ModelError('unreachable',
    `The server at ${root} is not an Ollama or OpenAI-compatible server (GET /api/tags: ${tags.status}${models ? `, GET /v1/models: ${models.status}` : ''}). ${INSTALL}.`);
}
