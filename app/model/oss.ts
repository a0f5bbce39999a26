// `--oss`: before the first turn, check that the local Ollama server (the `oss`
// provider, CODEX_OSS_BASE_URL / CODEX_OSS_PORT) answers, so the user gets one
// clear message instead of five reconnect attempts, and pull the model when
// the server does not have it yet (as the original does), reporting progress.
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

/** What a pull reports as it goes: `pulling gpt-oss:20b: downloading 45%`. */
export type PullProgress = (message: string) => void;

/**
 * `POST /api/pull`, reading Ollama's NDJSON progress to the end. Progress is
 * reported when the status changes or every 25% of a download.
 */
export async function pullModel(root: string, model: string, onProgress: PullProgress = () => undefined, signal?: AbortSignal): Promise<void> {
  const fail = (why: string) => new ModelError('fatal', `Could not pull \`${model}\` from the Ollama server at ${root}: ${why}`);
  let res: IncomingMessage;
  try {
    res = await send(new URL(`${root}/api/pull`), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, stream: true }), timeoutMs: 30_000,
      ...(signal && { signal }),
    });
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (res.statusCode !== 200) throw fail(`HTTP ${res.statusCode}: ${(await readText(res, 10_000)).trim().slice(0, 300)}`);
  let said = '';
  let pending = '';
  let done = false;
  const line = (text: string): void => {
    if (!text.trim()) return;
    let p: { status?: string; error?: string; total?: number; completed?: number };
    try {
      p = JSON.parse(text) as typeof p;
    } catch {
      return;
    }
    if (p.error) throw fail(p.error);
    if (p.status === 'success') done = true;
    const pct = p.total ? Math.floor((100 * (p.completed ?? 0)) / p.total / 25) * 25 : undefined;
    // A layer's status is `pulling sha256:<digest>`.
    const status = (p.status ?? '').replace(/^pulling sha256:\w+$/, 'downloading');
    const message = `pulling ${model}: ${status}${pct !== undefined ? ` ${pct}%` : ''}`;
    if (message !== said) onProgress((said = message));
  };
  res.setEncoding('utf8');
  for await (const chunk of res as AsyncIterable<string>) {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) line(l);
  }
  line(pending);
  if (!done) throw fail('the server ended the download without "success"');
}

/**
 * Resolves when the server at `baseUrl` (…/v1) is up and, for Ollama, has
 * `model` (pulled first when missing); else a ModelError.
 */
export async function ensureOssReady(baseUrl: string, model?: string, timeoutMs = 3000, onProgress?: PullProgress, signal?: AbortSignal): Promise<void> {
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
    if (!hasModel(names, model)) await pullModel(root, model, onProgress, signal);
    return;
  }
  // Not Ollama's API: an OpenAI-compatible server (LM Studio, vLLM, …) is fine if it lists models.
  const models = await get(new URL(`${base}/models`), timeoutMs).catch(() => undefined);
  if (models && models.status >= 200 && models.status < 300) return;
  throw new ModelError('unreachable',
    `The server at ${root} is not an Ollama or OpenAI-compatible server (GET /api/tags: ${tags.status}${models ? `, GET /v1/models: ${models.status}` : ''}). ${INSTALL}.`);
}
