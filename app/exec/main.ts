// `codex exec` (reference §1.5, 0.169 behaviour): run one task headless.
// Activity goes to stderr (or JSONL events to stdout with --json); only the
// final agent message goes to stdout. Approval is forced to `never`.
import { fstatSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagList, type CommandContext } from '../command-context.js';
import type { Event } from '../protocol/events.js';
import { textWithImages, type Op, type ReviewTarget } from '../protocol/ops.js';
import type { Config } from '../config/types.js';
import type { JsonSchema } from '../model/items.js';
import type { Session } from '../agent/session.js';
import { mayRunHeadless } from '../config/trust.js';
import { logger } from '../log.js';
import { closeTerminalAtExit, hangupHandler } from '../terminal-hangup.js';
import type { ThreadEvent } from './jsonl-output.js';
import { PromptError, resolvePrompt } from './prompt-input.js';

const EXIT_INTERRUPTED = 130;

interface ExecArgs {
  resume?: { id?: string; last: boolean };
  /** `exec review`: what to review (custom instructions come as the prompt). */
  review?: ReviewTarget | 'custom';
  prompt?: string;
  json: boolean;
  color: 'always' | 'never' | 'auto';
  outputLastMessage?: string;
  outputSchema?: string;
  skipGitRepoCheck: boolean;
  images: string[];
  addDirs: string[];
}

function execArgs(ctx: CommandContext): ExecArgs {
  const { flags, positionals, path } = ctx.cmd;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const isResume = path[1] === 'resume';
  const last = flags.last === true;
  const args: ExecArgs = {
    json: flags.json === true,
    color: (str(flags.color) ?? 'auto') as ExecArgs['color'],
    skipGitRepoCheck: flags['skip-git-repo-check'] === true || flags['dangerously-bypass-approvals-and-sandbox'] === true,
    images: flagList(flags.image),
    addDirs: flagList(flags['add-dir']),
  };
  const out = str(flags['output-last-message']);
  if (out !== undefined) args.outputLastMessage = out;
  const schema = str(flags['output-schema']);
  if (schema !== undefined) args.outputSchema = schema;
  if (path[1] === 'review') {
    const base = str(flags.base);
    const commit = str(flags.commit);
    const title = str(flags.title);
    if (flags.uncommitted === true) args.review = { type: 'uncommitted' };
    else if (base !== undefined) args.review = { type: 'base_branch', branch: base };
    else if (commit !== undefined) args.review = { type: 'commit', sha: commit, ...(title !== undefined ? { title } : {}) };
    else args.review = 'custom';
    if (positionals[0] !== undefined) args.prompt = positionals[0];
  } else if (isResume) {
    // With --last the first positional is the prompt.
    const [first, second] = positionals;
    args.resume = last ? { last } : { ...(first !== undefined ? { id: first } : {}), last };
    const prompt = last ? first : second;
    if (prompt !== undefined) args.prompt = prompt;
  } else if (positionals[0] !== undefined) {
    args.prompt = positionals[0];
  }
  return args;
}

/** `--add-dir`: more writable roots for workspace-write (other modes have none to extend). */
function withAddedDirs(config: Config, dirs: readonly string[]): Config {
  const p = config.sandboxPolicy;
  if (dirs.length === 0 || p.mode !== 'workspace-write') return config;
  const roots = dirs.map((d) => resolve(config.cwd, d));
  return Object.freeze({ ...config, sandboxPolicy: { ...p, writableRoots: [...p.writableRoots, ...roots] } });
}

function stdinHasData(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false;
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

async function resumePath(config: Config, resume: NonNullable<ExecArgs['resume']>): Promise<string | undefined> {
  const { findNewestRollout, findRolloutById } = await import('../agent/rollout.js');
  if (resume.id !== undefined) {
    const path = findRolloutById(config.codexHome, resume.id);
    if (!path) throw new Error(`No saved session found with id ${resume.id} (looked in ${config.codexHome}/sessions)`);
    return path;
  }
  return resume.last ? findNewestRollout(config.codexHome, config.cwd) : undefined;
}

/** Usage errors of `exec review`, as clap words them in the original (exit 2). */
function reviewUsage(args: ExecArgs): string | undefined {
  if (args.review === undefined) return undefined;
  if (args.review === 'custom') {
    return args.prompt === undefined ? 'error: Specify --uncommitted, --base, --commit, or provide custom review instructions' : undefined;
  }
  const flag = { uncommitted: '--uncommitted', base_branch: '--base <BRANCH>', commit: '--commit <SHA>', custom: '' }[args.review.type];
  return args.prompt !== undefined ? `error: the argument '${flag}' cannot be used with '[PROMPT]'` : undefined;
}

export async function main(ctx: CommandContext): Promise<number> {
  // Exec may never learn that its terminal went away (stdout is written once,
  // at the end; stderr may be a file): however it then ends, node must not
  // abort resetting the hung-up terminal at exit. A live one is left as it is.
  closeTerminalAtExit();
  const args = execArgs(ctx);
  const usage = reviewUsage(args);
  if (usage) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  // Start loading the agent while the prompt and the config are read.
  const agent = import('../agent/session.js');
  agent.catch(() => undefined);
  let prompt: string;
  try {
    // A review with a target reads no prompt; its header names the target instead.
    prompt = args.review !== undefined && args.review !== 'custom'
      ? (await import('../review/prompt.js')).reviewHint(args.review)
      : await resolvePrompt(args.prompt, {
        stdin: process.stdin,
        stdinIsTTY: process.stdin.isTTY === true,
        stdinHasData: stdinHasData(),
        note: (t) => process.stderr.write(`${t}\n`),
      });
  } catch (err) {
    if (err instanceof PromptError) return fail(err.message);
    throw err;
  }
  let outputSchema: JsonSchema | undefined;
  if (args.outputSchema !== undefined) {
    const read = readOutputSchema(args.outputSchema);
    if (typeof read === 'string') return fail(read);
    outputSchema = read;
  }
  const loaded = await ctx.loadConfig({ approvalPolicy: 'never' });
  const config = withAddedDirs(loaded, args.addDirs);
  if (!args.skipGitRepoCheck && !mayRunHeadless(config.project)) {
    return fail('Not inside a trusted directory and --skip-git-repo-check was not specified.');
  }
  let rolloutPath: string | undefined;
  try {
    rolloutPath = args.resume ? await resumePath(config, args.resume) : undefined;
  } catch (err) {
    return fail((err as Error).message);
  }
  const { startSession, RolloutError } = await agent;
  let session: Session;
  try {
    session = await startSession(config, {
      originator: 'codex_exec',
      recordHistory: false,
      // What @openai/codex-sdk's `apiKey` sets; only exec reads it, as in the original.
      ...(process.env.CODEX_API_KEY?.trim() ? { apiKey: process.env.CODEX_API_KEY.trim() } : {}),
      ...(rolloutPath ? { resume: { rolloutPath } } : {}),
      ...(outputSchema ? { outputSchema } : {}),
    });
  } catch (err) {
    // A session file that cannot be read or continued (a full disk) is one line, not a stack trace.
    if (err instanceof RolloutError) return fail(err.message);
    throw err;
  }
  const { printer, finish } = await makePrinter(args, config, prompt);

  let started = false;
  let failed = false;
  let interrupted = false;
  let lastMessage: string | null = null;
  let inputId: string | undefined;
  // A terminal that went away (SIGHUP, EIO on stdout or stderr) ends the run as it ends the TUI.
  let hungUp = false;
  const hangup = hangupHandler(() => session, () => { hungUp = true; }, (m) => logger('codex_exec').warn(m));
  const done = new Promise<void>((resolve) => {
    let ended = false;
    session.subscribe((e: Event) => {
      if (!hungUp) printer(e);
      const m = e.msg;
      // Errors of the task fail the run; earlier ones (an MCP server that did not start) are only shown.
      if (m.type === 'task_started') started = true;
      // The input itself was refused (an -i file that cannot be read): no task will start.
      const refused = m.type === 'error' && !started && e.id === inputId;
      if ((m.type === 'error' && started) || refused) failed = true;
      if (!ended && (m.type === 'task_complete' || m.type === 'turn_aborted' || refused)) {
        ended = true;
        if (m.type === 'task_complete') lastMessage = m.last_agent_message;
        session.submit({ type: 'shutdown' });
      }
      if (m.type === 'shutdown_complete') resolve();
    });
  });
  // A reader that went away (`codex exec … | head -1`) is not a failure of the run.
  const onOutputError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EIO') hangup(`${err.code} on output`);
    else if (err.code !== 'EPIPE') throw err;
  };
  process.stdout.on('error', onOutputError);
  process.stderr.on('error', onOutputError);
  const onSighup = () => hangup('SIGHUP');
  process.on('SIGHUP', onSighup);
  const onSigint = () => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    session.submit({ type: 'interrupt' });
  };
  process.on('SIGINT', onSigint);
  const op: Op = args.review === undefined ? { type: 'user_input', items: textWithImages(prompt, args.images) }
    : { type: 'review', target: args.review === 'custom' ? { type: 'custom', instructions: prompt } : args.review };
  inputId = session.submit(op);
  try {
    await done;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGHUP', onSighup);
  }
  finish(lastMessage);
  if (args.outputLastMessage !== undefined) writeLastMessage(args.outputLastMessage, lastMessage);
  if (interrupted) return EXIT_INTERRUPTED;
  return failed ? 1 : 0;
}

/** The schema, or the error message of the original. */
function readOutputSchema(path: string): JsonSchema | string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return `Failed to read output schema file ${path}: ${(err as Error).message}`;
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `Output schema file ${path} is not valid JSON: expected a JSON object`;
    return v as JsonSchema;
  } catch (err) {
    return `Output schema file ${path} is not valid JSON: ${(err as Error).message}`;
  }
}

function writeLastMessage(path: string, message: string | null): void {
  try {
    writeFileSync(path, message ?? '');
  } catch (err) {
    process.stderr.write(`Failed to write last message file ${path}: ${(err as Error).message}\n`);
    return;
  }
  if (message === null) process.stderr.write(`Warning: no last agent message; wrote empty content to ${path}\n`);
}

function useColor(mode: ExecArgs['color']): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return process.stderr.isTTY === true && process.stdout.isTTY === true;
}

/** The event printer for the chosen output mode, and what to do once the task is over. */
async function makePrinter(args: ExecArgs, config: Config, prompt: string): Promise<{ printer: (e: Event) => void; finish: (last: string | null) => void }> {
  if (args.json) {
    const { JsonlEventMapper } = await import('./jsonl-output.js');
    const mapper = new JsonlEventMapper();
    const print = (events: ThreadEvent[]) => {
      for (const ev of events) process.stdout.write(`${JSON.stringify(ev)}\n`);
    };
    return {
      printer: (e) => {
        print(mapper.map(e));
        // Like 0.169: config warnings become error items right after thread.started.
        if (e.msg.type === 'session_configured') for (const w of config.warnings) print(mapper.warning(w));
      },
      finish: () => undefined,
    };
  }
  const [{ HumanEventPrinter }, { cliVersion }] = await Promise.all([import('./human-output.js'), import('../config/version.js')]);
  const human = new HumanEventPrinter((t) => process.stderr.write(t), useColor(args.color), {
    hideReasoning: config.hideAgentReasoning, version: cliVersion(),
  });
  return {
    printer: (e) => {
      if (e.msg.type === 'session_configured') human.header(config, prompt, e.msg.session_id);
      else human.handle(e);
    },
    finish: (last) => {
      if (last !== null) process.stdout.write(last.endsWith('\n') ? last : `${last}\n`);
    },
  };
}
