// AGENTS.md discovery (reference §4.2): the global $CODEX_HOME/AGENTS.md plus
// the project docs found from the git root down to the cwd, within a byte budget.
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logger } from '../log.js';
import { findGitRoot } from '../git/repo.js';

const log = logger('codex_core::project_doc');

export interface AgentsMdOptions {
  codexHome: string;
  cwd: string;
  maxBytes: number;
  fallbackFilenames: readonly string[];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Reads at most `limit` bytes of a file. */
function readPrefix(p: string, limit: number): { text: string; truncated: boolean } {
  const fd = openSync(p, 'r');
  try {
    const size = statSync(p).size;
    const buf = Buffer.alloc(Math.min(size, limit));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return { text: buf.subarray(0, n).toString('utf8'), truncated: size > limit };
  } finally {
    closeSync(fd);
  }
}

/** Directories searched for project docs: git root … cwd, or only the cwd outside a repo. */
export function projectDocDirs(cwd: string): string[] {
  let dir = cwd;
  try {
    dir = realpathSync(cwd);
  } catch {
    /* keep the given path */
  }
  const root = findGitRoot(dir);
  if (!root) return [dir];
  const dirs = [dir];
  for (let cur = dir; cur !== root; ) {
    cur = dirname(cur);
    dirs.unshift(cur);
  }
  return dirs;
}

/** The project doc of each searched directory that has one, git root first (none when disabled). */
export function projectDocFiles(opts: AgentsMdOptions): string[] {
  if (opts.maxBytes <= 0) return [];
  const names = ['AGENTS.override.md', 'AGENTS.md', ...opts.fallbackFilenames];
  return projectDocDirs(opts.cwd).flatMap((dir) => names.map((n) => join(dir, n)).find(isFile) ?? []);
}

/** Every instruction file a session reads: $CODEX_HOME/AGENTS.md, then the project docs. */
export function instructionFiles(opts: AgentsMdOptions): string[] {
  const globalFile = join(opts.codexHome, 'AGENTS.md');
  return [...(isFile(globalFile) ? [globalFile] : []), ...projectDocFiles(opts)];
}

export function projectDocs(opts: AgentsMdOptions): string | undefined {
  let budget = opts.maxBytes;
  const parts: string[] = [];
  for (const file of projectDocFiles(opts)) {
    if (budget <= 0) break;
    const { text, truncated } = readPrefix(file, budget);
    if (truncated) log.warn(`project doc ${file} exceeds project_doc_max_bytes (${opts.maxBytes}); truncating`);
    if (!text.trim() || isBinary(file, text)) continue;
    budget -= Buffer.byteLength(text);
    parts.push(text);
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

/** NUL bytes mean this is not a text file: it would only fill the context with garbage. */
function isBinary(file: string, text: string): boolean {
  if (!text.includes('\0')) return false;
  log.warn(`instruction file ${file} is not text (it contains NUL bytes); skipping it`);
  return true;
}

/** What the global AGENTS.md may add when project_doc_max_bytes is 0 (project docs off). */
const GLOBAL_DEFAULT_MAX_BYTES = 32 * 1024;

/** The user instructions: global AGENTS.md and project docs, joined by the original's separator. */
export function userInstructions(opts: AgentsMdOptions): string | undefined {
  const globalFile = join(opts.codexHome, 'AGENTS.md');
  // Bounded like the project docs: it is sent with every request and stored in the session log.
  const limit = opts.maxBytes > 0 ? opts.maxBytes : GLOBAL_DEFAULT_MAX_BYTES;
  const read = isFile(globalFile) ? readPrefix(globalFile, limit) : undefined;
  if (read?.truncated) log.warn(`${globalFile} exceeds ${limit} bytes; truncating`);
  const global = read && !isBinary(globalFile, read.text) ? read.text.trim() || undefined : undefined;
  const project = projectDocs(opts);
  if (global && project) return `${global}\n\n--- project-doc ---\n\n${project}`;
  return global ?? project;
}

/** The message that carries them to the model. */
export function userInstructionsMessage(text: string): string {
  return `<user_instructions>\n\n${text}\n\n</user_instructions>`;
}
