// `codex login [--api-key KEY | --with-api-key]`, `codex login status`, `codex logout`.
// Messages go to stderr, as the original's do.
import { findCodexHome } from '../config/home.js';
import { maskApiKey, removeAuth, resolveAuth, saveApiKey } from '../model/auth.js';
import type { CommandContext } from '../command-context.js';

const say = (line: string) => process.stderr.write(`${line}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function store(codexHome: string, raw: string, ifEmpty: string, done: string): Promise<number> {
  const key = raw.trim();
  if (!key) {
    say(ifEmpty);
    return 1;
  }
  await saveApiKey(codexHome, key);
  say(done);
  return 0;
}

async function login(ctx: CommandContext, codexHome: string): Promise<number> {
  const flags = ctx.cmd.flags;
  if (typeof flags['api-key'] === 'string') {
    return store(codexHome, flags['api-key'], 'Error logging in: --api-key needs a non-empty key', 'Successfully logged in');
  }
  if (flags['with-api-key'] === true) {
    if (process.stdin.isTTY) {
      say('--with-api-key expects the API key on stdin. Try piping it, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.');
      return 1;
    }
    say('Reading API key from stdin...');
    return store(codexHome, await readStdin(), 'No API key provided via stdin.', 'API key saved. Authentication is checked when you send a request.');
  }
  say('Signing in with ChatGPT in the browser is not supported by this implementation.');
  say('Use `codex login --api-key KEY`, or pipe the key: `printenv OPENAI_API_KEY | codex login --with-api-key`.');
  return 1;
}

async function status(codexHome: string): Promise<number> {
  const auth = await resolveAuth(codexHome);
  if (!auth) {
    say('Not logged in');
    return 1;
  }
  if (auth.mode === 'chatgpt') {
    say('Logged in using ChatGPT');
    return 0;
  }
  say(`Logged in using an API key - ${maskApiKey(auth.apiKey)}`);
  if (auth.source === 'env') say('   API loaded from OPENAI_API_KEY environment variable or .env file');
  return 0;
}

export async function main(ctx: CommandContext): Promise<number> {
  const codexHome = findCodexHome();
  const [cmd, sub] = ctx.cmd.path;
  if (cmd === 'logout') {
    say((await removeAuth(codexHome)) ? 'Successfully logged out' : 'Not logged in');
    return 0;
  }
  return sub === 'status' ? status(codexHome) : login(ctx, codexHome);
}
