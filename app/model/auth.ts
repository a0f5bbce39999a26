// $CODEX_HOME/auth.json: the stored credentials. Written atomically with mode
// 0600 (a temp file in the same directory, then rename), so a crash never
// leaves a truncated or world-readable key behind.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AuthDotJson {
  /** How the user signed in: `apikey` (codex login --api-key), `chatgpt`; older files lack it. */
  auth_mode?: string | null;
  OPENAI_API_KEY?: string | null;
  /** ChatGPT sign-in tokens (written by the original's browser login); presence means ChatGPT auth. */
  tokens?: Record<string, unknown> | null;
  last_refresh?: string | null;
}

export type ResolvedAuth =
  | { readonly mode: 'apikey'; readonly apiKey: string; readonly source: 'auth.json' | 'env' }
  | { readonly mode: 'chatgpt'; readonly tokens: Record<string, unknown> };

export class AuthFileError extends Error {
  override readonly name = 'AuthFileError';
}

export function authFilePath(codexHome: string): string {
  return join(codexHome, 'auth.json');
}

/** The parsed auth.json, or undefined when there is none. A corrupt file is an error naming it. */
export async function readAuth(codexHome: string): Promise<AuthDotJson | undefined> {
  const file = authFilePath(codexHome);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuthFileError(`${file}: cannot read: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AuthFileError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new AuthFileError(`${file}: expected a JSON object`);
  const key = (data as AuthDotJson).OPENAI_API_KEY;
  if (key !== undefined && key !== null && typeof key !== 'string') throw new AuthFileError(`${file}: OPENAI_API_KEY: expected a string`);
  const mode = (data as AuthDotJson).auth_mode;
  if (mode !== undefined && mode !== null && typeof mode !== 'string') throw new AuthFileError(`${file}: auth_mode: expected a string such as "apikey" or "chatgpt"`);
  return data as AuthDotJson;
}

export async function writeAuth(codexHome: string, auth: AuthDotJson): Promise<void> {
  await mkdir(codexHome, { recursive: true, mode: 0o700 });
  const file = authFilePath(codexHome);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(auth, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600); // the umask may have narrowed it, never widened; make it exact
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** What the original's `codex login --api-key` writes. */
export async function saveApiKey(codexHome: string, apiKey: string): Promise<void> {
  await writeAuth(codexHome, { auth_mode: 'apikey', OPENAI_API_KEY: apiKey });
}

/** Deletes auth.json; false when there was nothing to delete. */
export async function removeAuth(codexHome: string): Promise<boolean> {
  try {
    await rm(authFilePath(codexHome));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/**
 * The credentials to use: auth.json first (ChatGPT tokens, then its API key;
 * the key first when `auth_mode` says `apikey`), then `OPENAI_API_KEY` from
 * the environment, as the original does.
 */
export async function resolveAuth(codexHome: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedAuth | undefined> {
  const auth = await readAuth(codexHome);
  const keyChosen = auth?.auth_mode === 'apikey' && auth.OPENAI_API_KEY;
  if (auth?.tokens && !keyChosen) return { mode: 'chatgpt', tokens: auth.tokens };
  if (auth?.OPENAI_API_KEY) return { mode: 'apikey', apiKey: auth.OPENAI_API_KEY, source: 'auth.json' };
  const fromEnv = env.OPENAI_API_KEY?.trim();
  return fromEnv ? { mode: 'apikey', apiKey: fromEnv, source: 'env' } : undefined;
}

/** `sk-proj-***ABCDE`: the first 8 and last 5 characters; short keys are fully hidden. */
export function maskApiKey(key: string): string {
  return key.length <= 13 ? '***' : `${key.slice(0, 8)}***${key.slice(-5)}`;
}
