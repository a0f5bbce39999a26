// `codex` and `codex resume`: the full-screen TUI. Loads config (errors
// print before the screen changes; a theme or [tui.keymap] entry that cannot
// be used is a warning in the transcript and the default applies), starts the session, then
// owns the terminal until the user quits: input → app → frames; agent events →
// app → frames. On exit (a quit or SIGINT/SIGTERM) it restores the terminal,
// writes the conversation to the normal screen ([tui] scrollback_on_exit) and
// prints the token usage and how to resume.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagList, type CommandContext } from '../command-context.js';
import type { Config } from '../config/types.js';
import { finalUsageLine } from '../agent/token-usage.js';
import { needsTrustDecision } from '../config/trust.js';
import { logger, tuiLogFile } from '../log.js';
import { firstFrameShown, sessionStarted } from '../start-hooks.js';
import { closeTerminalAtExit } from '../terminal-hangup.js';
import { nowMs } from './clock.js';

/** What to start with: a prompt, a session to resume, or (`pick`) the session picker first. */
interface StartPlan { rolloutPath?: string; prompt?: string; pick?: boolean }

/** `-i FILE`: each image checked before the screen changes (a bad one is an error naming it), with its placeholder. */
async function imagesToAttach(ctx: CommandContext, cwd: string): Promise<{ label: string; path: string }[]> {
  const paths = flagList(ctx.cmd.flags.image).map((p) => resolve(cwd, p));
  if (!paths.length) return [];
  const [{ inspectImage }, { imageLabel }] = await Promise.all([import('../agent/local-image.js'), import('./pasted-image.js')]);
  return paths.map((path) => {
    try {
      return { label: imageLabel(inspectImage(path)), path };
    } catch (e) {
      throw new Error(`codex: --image: ${(e as Error).message}`);
    }
  });
}

async function resolveResume(ctx: CommandContext, config: Config): Promise<StartPlan> {
  const [first, second] = ctx.cmd.positionals;
  if (ctx.cmd.path[0] !== 'resume') return first !== undefined ? { prompt: first } : {};
  // Only here: the session log's module brings the model's item schemas (zod) with it.
  const { findNewestRollout, findRolloutById } = await import('../agent/rollout.js');
  if (ctx.cmd.flags.last === true) {
    const path = findNewestRollout(config.codexHome, config.cwd);
    if (!path) throw new Error(`codex resume --last: no saved session for ${config.cwd} in ${config.codexHome}/sessions`);
    const prompt = first ?? second;
    return { rolloutPath: path, ...(prompt !== undefined ? { prompt } : {}) };
  }
  if (first === undefined) return { pick: true };
  const path = findRolloutById(config.codexHome, first);
  if (!path) throw new Error(`codex resume: no saved session with id ${first} in ${config.codexHome}/sessions`);
  return { rolloutPath: path, ...(second !== undefined ? { prompt: second } : {}) };
}

/**
 * Ends before the screen is taken: `line` on stderr, status 1. A terminal that
 * hung up while codex started (or at the TERM=dumb question) reads as none or
 * as a no; node would abort resetting it at exit.
 */
function refuse(line?: string): number {
  closeTerminalAtExit();
  if (line) process.stderr.write(`${line}\n`);
  return 1;
}

export async function main(ctx: CommandContext): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return refuse('codex: the interactive TUI needs a terminal on stdin and stdout; use `codex exec` to run without one');
  }
  if (!(await (await import('./dumb-terminal.js')).confirmDumbTerminal(process.env))) return refuse();
  let config: Config;
  let start: StartPlan;
  let images: { label: string; path: string }[];
  const { loadTheme, loadThemeOrDefault } = await import('./theme-files.js');
  try {
    config = await ctx.loadConfig();
    start = await resolveResume(ctx, config);
    images = await imagesToAttach(ctx, config.cwd);
  } catch (e) {
    return refuse((e as Error).message);
  }

  const [
    { createTui }, { PendingSession }, { Tty, guardExit }, { hangupHandler }, { Renderer }, { Palette, detectColorDepth }, { cliVersion }, { conversationText },
    { osc52 },
  ] = await Promise.all([
    import('./create-tui.js'), import('./pending-session.js'), import('./renderer/tty.js'), import('../terminal-hangup.js'),
    import('./renderer/renderer.js'), import('./renderer/palette.js'), import('../config/version.js'), import('./renderer/scrollback.js'),
    import('./clipboard.js'),
  ]);
  const depth = detectColorDepth();

  const session = new PendingSession();
  let historyEntry: ((home: string, logId: number, offset: number) => { text: string } | undefined) | undefined;
  const tty = new Tty();
  const unguard = guardExit(() => tty.restore(), () => hangup('SIGHUP'), () => farewell());
  let finish: () => void = () => undefined;
  /** A line for stderr after the screen is restored (/logout says it logged out). */
  let goodbye: string | undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let renderer: InstanceType<typeof Renderer> | undefined;
  let palette: InstanceType<typeof Palette>;
  let ticker: NodeJS.Timeout | undefined;
  let farewell: () => void = () => undefined;

  // The agent (model client, tools, MCP) loads after the first frame is on screen.
  const agent = Promise.all([import('../agent/session.js'), import('../agent/history.js')]);
  const tui = createTui({
    session,
    config,
    version: cliVersion(),
    host: {
      now: nowMs,
      requestFrame: (pace) => {
        renderer?.request(pace);
        scheduleTick();
      },
      exit: (message) => {
        goodbye ??= message;
        finish();
      },
      notify: (message) => tty.write(`\x1b]9;${message.replace(/[\x00-\x1f\x07]/g, ' ')}\x07`),
      historyEntry: (logId, offset) => historyEntry?.(config.codexHome, logId, offset)?.text,
      redraw: () => renderer?.invalidate(),
      copyToClipboard: (text) => tty.write(osc52(text, process.env.TMUX !== undefined && process.env.TMUX !== '')),
      setTheme: (nameOrPath) => {
        palette = new Palette(loadTheme(nameOrPath, config.cwd), depth);
        renderer?.setPalette(palette);
      },
    },
    startSession: async (resume) => (await agent)[0].startSession(tui.app.config, resume ? { resume } : {}),
  });
  const { app } = tui;
  const hangup = hangupHandler(() => app.session, () => {
    app.detach();
    renderer?.dispose();
    tty.restore();
  }, (message) => logger('codex_tui').warn(message));
  const leaveScreen = async (): Promise<void> => {
    await tui.close();
    renderer?.dispose();
    if (ticker) clearTimeout(ticker);
    app.detach();
    tty.restore();
    unguard();
  };
  /**
   * A failure once the screen is taken: the terminal comes back first (a line
   * written on the alternate screen vanishes with it), then one line on stderr;
   * the stack goes to the log.
   */
  const failOnScreen = async (e: unknown, what?: string): Promise<number> => {
    try {
      await leaveScreen();
    } catch {
      tty.restore();
      unguard();
    }
    const err = e instanceof Error ? e : new Error(String(e));
    logger('codex_tui').error(`${what ?? 'failed'}:`, err);
    process.stderr.write(`codex: ${what ? `${what}: ` : ''}${err.message} (details in ${tuiLogFile(config.codexHome)})
`);
    return 1;
  };

  // Spinner, elapsed time, paste-burst flush and hint expiry run only while needed.
  function scheduleTick(): void {
    if (ticker || !app.needsTicks) return;
    const burst = app.composer.burstPending;
    ticker = setTimeout(() => {
      ticker = undefined;
      // A paste burst's end shows what was typed; the rest (spinner, elapsed time) is the agent's.
      if (app.tick()) renderer?.request(burst ? 'input' : 'background');
      scheduleTick();
    }, burst ? 10 : 100);
  }

  try {
    return await runOnScreen();
  } catch (e) {
    return failOnScreen(e);
  }

  async function runOnScreen(): Promise<number> {
    // A theme that cannot be loaded is a warning under the header; the default theme applies.
    palette = new Palette(loadThemeOrDefault(config.tui.theme, config.cwd, (m) => app.warn(m)), depth);
    renderer = new Renderer(tty, palette, tty.cols, tty.rows, (grid) => app.render(grid));
    tty.start({
      onInput: (events, at) => app.handleInput(events, at),
      onResize: (cols, rows) => renderer?.resize(cols, rows),
      onLost: hangup,
    }, `codex · ${app.statusBar.info.cwd}`);

    // What a quit leaves on the normal screen, once: the conversation reflowed to
    // the terminal's width now, the token usage and how to resume. Called after
    // the terminal is restored (a hangup has no terminal to write to).
    let saidFarewell = false;
    farewell = () => {
      if (saidFarewell) return;
      saidFarewell = true;
      // After /new the app holds a later session than the one started here.
      const current = app.session;
      const conversation = conversationText(app.transcript, tty.cols, app.config.tui.scrollbackOnExit, palette);
      let out = conversation ? `${conversation}\n` : '';
      const usage = app.tokenInfo?.total_token_usage;
      if (usage && usage.total_tokens > 0) out += `${finalUsageLine(usage)}\n`;
      // A session quit before anything was said has no log to resume (the rollout is written from the first message).
      if (current.id && existsSync(current.rolloutPath)) out += `To continue this session, run codex resume ${current.id}\n`;
      if (out) process.stdout.write(out);
    };
    app.attach();
    // Before any session starts: the trust screen (a folder never decided), then
    // the session picker (`codex resume` alone).
    const prepared = start.pick || needsTrustDecision(config)
      ? (await import('./before-session.js')).beforeSession(app, config, { pick: start.pick === true, reload: (extra) => ctx.loadConfig(extra) })
      : undefined;
    renderer.paint();
    firstFrameShown();
    await tui.wired;

    // `-i`: sent with the first prompt, as in exec; without one, attached to the composer's draft.
    if (start.prompt?.trim()) app.turns.submitText(start.prompt.trim(), images.map((i) => i.path));
    else if (images.length) {
      for (const i of images) app.composer.attachImage(i.label, i.path);
      app.host.requestFrame();
    }
    let rolloutPath = start.rolloutPath;
    const ready = await prepared;
    if (ready?.error !== undefined) {
      await leaveScreen();
      process.stderr.write(`${ready.error}\n`);
      return 1;
    }
    if (ready) config = ready.config;
    const choice = ready?.choice;
    if (choice?.type === 'quit') {
      await leaveScreen();
      return 0;
    }
    if (choice?.type === 'resume') rolloutPath = choice.path;
    try {
      const [[{ startSession }, history], { resolveRequestAuth }] = await Promise.all([agent, import('../model/provider.js')]);
      historyEntry = history.historyEntry;
      // No key for the provider: said at once, under the header, not when the first prompt fails.
      await resolveRequestAuth(config.provider, config.codexHome, process.env).catch((e: unknown) => app.warn((e as Error).message));
      session.resolve(await startSession(config, rolloutPath ? { resume: { rolloutPath } } : {}));
      sessionStarted();
    } catch (e) {
      return failOnScreen(e, 'could not start the session');
    }

    await finished;
    const current = app.session;
    app.detach();
    current.submit({ type: 'shutdown' });
    await leaveScreen();
    farewell();
    if (goodbye) process.stderr.write(`${goodbye}\n`);
    return 0;
  }
}
