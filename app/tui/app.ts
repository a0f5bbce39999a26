// The TUI controller core: keys go through the keymap machine to named actions
// (overlay first, then the app and the composer), agent events become history
// cells (agent-events.ts), and `draw` lays the screen out. It does no I/O: the
// shell (main.ts) passes a session, a clock, a frame scheduler and an exit.
// What the interactions layered over it must do (run a slash command, show an
// approval …) goes out as one typed `AppEvent` to the controller that
// create-tui.ts wires; until it is wired (`start`), keys and agent events wait
// in arrival order, so a key typed at the first frame acts as it would later.
import { isAppAction, isEditAction, type EditAction } from '../../keymaps/actions.js';
import { buildKeymap, type Keymap, type KeymapMode, type ResolvedAction } from '../../keymaps/engine.js';
import { Composer, type ComposerEdit } from '../../widgets/composer/composer.js';
import type { Surface, Widget } from '../../widgets/base/types.js';
import { renderColumn, type ColumnChild } from '../../widgets/layout/column.js';
import { Viewport } from '../../widgets/layout/viewport.js';
import { MarkedViewport } from '../../widgets/layout/scroll-marker.js';
import { MouseSelection } from './mouse-selection.js';
import { Footer } from '../../widgets/status/footer.js';
import { StatusBar } from '../../widgets/status/status-bar.js';
import { spinnerFrame, StatusIndicator } from '../../widgets/status/status-indicator.js';
import { Transcript } from '../../widgets/transcript/transcript.js';
import type { HistoryCell } from '../../widgets/transcript/cell.js';
import type { Config } from '../config/types.js';
import type { Event, EventMsg, TokenInfo } from '../protocol/events.js';
import type { Op } from '../protocol/ops.js';
import type { AgentSession, AppEvent, AppHost } from './app-host.js';

import type { InputEvent } from '../../keymaps/input-event.js';
import { composerHints, composerKey, sessionInfo, statusItems } from './status-info.js';
import type { ComposerTrigger, Overlay } from './overlay.js';
import type { EventState } from './event-state.js';
import { ConversationLog } from './conversation-log.js';
import { ClippedSurface } from '../../widgets/base/grid.js';
import { errorCell } from '../../widgets/transcript/cells/notice.js';
import { pastedImage } from './pasted-image.js';
import { PendingTurnInput } from './pending-turn-input.js';
import { ComposerMode } from './composer-mode.js';
import { AppActions, QUIT_HINT_MS } from './app-actions.js';
import { AppSettings } from './app-settings.js';
import { UserTurns } from './user-turns.js';

// The keymap's edit actions and the composer's edits must be one vocabulary: a
// name on one side only makes this `false` and fails the typecheck.
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const editVocabularyAgrees: SameUnion<EditAction, ComposerEdit> = true;

/** Maps one agent event onto the app's widgets (agent-events.ts). */
export type EventApplier = (s: EventState & { app: TuiApp }, msg: EventMsg) => void;

/** Input and agent events that arrived before the app was wired, in arrival order (`at`: when the input was read). */
type Early = { kind: 'input'; events: readonly InputEvent[]; at: number } | { kind: 'event'; msg: EventMsg };

export { BACKTRACK_HINT, QUIT_HINT, QUIT_HINT_MS } from './app-actions.js';

export class TuiApp implements Widget {
  readonly keymap: Keymap;
  readonly transcript = new Transcript();
  readonly view = new Viewport(this.transcript);
  /** The transcript's viewport with the scrolled-up marker and the mouse selection. */
  private readonly pane = new MarkedViewport(this.view);
  private readonly mouseSelection = new MouseSelection(this.pane, (text) => {
    this.host.copyToClipboard(text);
    this.showNotice(`Copied ${text.length} character${text.length === 1 ? '' : 's'}`, QUIT_HINT_MS);
  });
  readonly composer: Composer;
  /** The composer's keymap mode: 'composer', or vim's normal and insert modes ([tui] vim, /vim). */
  readonly composerMode: ComposerMode;
  readonly footer = new Footer();
  readonly statusBar: StatusBar;
  readonly status = new StatusIndicator();
  /** The messages and answers as text, for /copy and /export (kept when /clear empties the view). */
  readonly conversation = new ConversationLog();
  /** Messages sent into the running turn and follow-ups queued after it. */
  readonly pendingInput = new PendingTurnInput();
  readonly events: EventState & { app: TuiApp };
  /** The app's own key actions and their two-press states (Esc–Esc, Ctrl+C twice). */
  private readonly actions = new AppActions(this);
  /** Where submitted text goes: a slash command, a steered message, a queued follow-up. */
  readonly turns = new UserTurns(this);
  /** The settings of this run (/theme, /statusline, /model, /approvals) and the status bar's view of them. */
  readonly settings: AppSettings;
  private overlays: Overlay[] = [];
  private triggers: ComposerTrigger[] = [];
  running = false;
  focused = true;
  /** The last token_count: the session's usage, the last request's, the context window. */
  tokenInfo: TokenInfo | undefined;
  private noticeUntil = 0;
  private unsubscribe: (() => void) | undefined;
  /** The footer's key hints, from the composer's bindings (a user's [tui.keymap] shows). */
  private readonly hints: [string, string][];

  constructor(
    public session: AgentSession,
    config: Config,
    readonly host: AppHost,
    readonly version: string,
    private readonly emit: (e: AppEvent) => void,
  ) {
    this.settings = new AppSettings(this, config);
    // A bad [tui.keymap] entry is a warning under the header, like an unknown config key; its default stays.
    const problems: string[] = [];
    this.keymap = buildKeymap(config.tui.keymap as Parameters<typeof buildKeymap>[0], (m) => problems.push(`${m} (ignored)`));
    this.hints = composerHints(this.keymap);
    this.pendingInput.widget.editKey = composerKey(this.keymap, 'edit_queued') ?? '';
    this.footer.hints = this.hints;
    // As in 0.169: the context left is a status line item (`context-remaining`); the footer shows it only without a status line.
    this.footer.contextLeft = () => (this.statusBar.items.length ? undefined : this.statusBar.live.contextLeft);
    this.pane.jumpKey = composerKey(this.keymap, 'scroll_bottom');
    this.composer = new Composer({
      disablePasteBurst: config.disablePasteBurst,
      pastedImage: (text) => pastedImage(text, this.config.cwd, (m) => this.addCell(errorCell(m))),
    });
    this.composerMode = new ComposerMode(this.keymap, this.composer, this.footer);
    if (config.tui.vim) this.composerMode.set('vim_normal');
    this.statusBar = new StatusBar(sessionInfo(config), statusItems(config.tui.statusLine, (m) => problems.push(m)));
    this.settings.refreshGitBranch();
    this.status.animate = config.tui.animations;
    this.events = {
      app: this, assistant: undefined, reasoning: undefined, calls: new Map(), decoders: new Map(), reasoningText: '',
      unfinished: { assistant: [], reasoning: [] }, pendingWarnings: [...config.warnings, ...problems], forkPending: undefined,
    };
    this.transcript.onChange = () => host.requestFrame('background');
  }

  get config(): Config {
    return this.settings.config;
  }

  /** A warning for the transcript, shown under the session header when the session is configured. */
  warn(text: string): void {
    this.events.pendingWarnings.push(text);
  }

  /** Starts consuming the session's events. */
  attach(session: AgentSession = this.session): void {
    this.unsubscribe?.();
    this.session = session;
    this.unsubscribe = session.subscribe((e) => this.onEvent(e));
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /**
   * /new: a fresh session with an empty transcript and no token usage; the
   * model and approval mode chosen with /model and /approvals carry over, as
   * in the original.
   */
  replaceSession(next: AgentSession): void {
    this.detach();
    this.transcript.clear();
    this.conversation.clear();
    this.statusBar.live = this.statusBar.live.gitBranch === undefined ? {} : { gitBranch: this.statusBar.live.gitBranch };
    this.pendingInput.drain();
    this.tokenInfo = undefined;
    this.lastTurnDiff = undefined;
    this.checkpointTurns = [];
    this.statusBar.info = this.settings.withOverrides(sessionInfo(this.config));
    Object.assign(this.events, {
      assistant: undefined, reasoning: undefined, reasoningText: '', unfinished: { assistant: [], reasoning: [] }, forkPending: undefined, headerBeforeRetry: undefined,
    });
    this.events.calls.clear();
    this.events.decoders.clear();
    const overrides = this.settings.overrides;
    if (Object.keys(overrides).length) next.submit({ type: 'override_turn_context', ...overrides });
    this.attach(next);
  }

  // The event → cell mapping pulls in markdown, diff and every cell type, and
  // the interactions their own modules: create-tui.ts loads them after the
  // first frame and then calls `start`.
  private applyEvent: EventApplier | undefined;
  private early: Early[] = [];

  /** Wiring complete: what arrived before (keys, agent events) is applied now, in the order it arrived. */
  start(applyEvent: EventApplier): void {
    this.applyEvent = applyEvent;
    for (const e of this.early.splice(0)) {
      if (e.kind === 'event') applyEvent(this.events, e.msg);
      else this.handleInput(e.events, e.at);
    }
    this.host.requestFrame();
  }

  get started(): boolean {
    return this.applyEvent !== undefined;
  }

  onEvent(e: Event): void {
    if (this.applyEvent) this.applyEvent(this.events, e.msg);
    else this.early.push({ kind: 'event', msg: e.msg });
    this.host.requestFrame('background');
  }

  /** Asks the wired interactions to act (see `AppEvent`). */
  request(e: AppEvent): void {
    this.emit(e);
  }

  submit(op: Op): string {
    return this.session.submit(op);
  }

  addCell(cell: HistoryCell): void {
    this.transcript.add(cell);
  }

  // ── overlays and composer triggers ──────────────────────────────────────

  pushOverlay(o: Overlay): void {
    this.overlays.push(o);
    this.syncFocus();
    this.host.requestFrame();
  }

  closeOverlay(o: Overlay | undefined = this.top()): void {
    if (!o) return;
    this.overlays = this.overlays.filter((x) => x !== o);
    o.onClose?.();
    this.syncFocus();
    this.host.requestFrame();
  }

  // A modal or a text prompt takes the composer's place: its own line says
  // which keys work, so the composer's hints (⏎ send, ⌃C quit) would be wrong under it.
  private syncFocus(): void {
    const top = this.top();
    const replaced = replacesComposer(top);
    this.composer.focused = !top || (top.placement !== 'screen' && !replaced);
    this.footer.hints = replaced ? [] : this.hints;
  }

  top(): Overlay | undefined {
    return this.overlays[this.overlays.length - 1];
  }


  /** Registers a watcher of composer edits that may open an overlay (slash popup, `@` picker). */
  addComposerTrigger(t: ComposerTrigger): void {
    this.triggers.push(t);
  }

  get mode(): KeymapMode {
    return this.top()?.mode ?? this.composerMode.current;
  }

  // ── input ───────────────────────────────────────────────────────────────

  /**
   * Keys, pastes and focus changes read at `at` (the shell's clock when the
   * bytes arrived: paste-burst detection judges gaps by it, not by when the
   * event is handled). Held until the app is wired (`start`).
   */
  handleInput(events: readonly InputEvent[], at: number = this.host.now()): void {
    if (!this.started) {
      this.early.push({ kind: 'input', events, at });
      return;
    }
    for (const e of events) {
      if (e.type === 'focus') {
        this.focused = e.focused;
        continue;
      }
      // Bracketed paste, when the terminal has it (it says so, or a paste came), decides alone what is pasted.
      if ((e.type === 'bracketed_paste' && e.supported) || e.type === 'paste') this.composer.bracketedPaste = true;
      if (e.type === 'bracketed_paste') continue;
      if (e.type === 'mouse') {
        // Over a full-screen overlay the mouse does nothing.
        if (this.top()?.placement !== 'screen') this.mouseSelection.handle(e);
        continue;
      }
      // A key ends a selection's highlight (its text was copied when the button came up).
      this.pane.selection = undefined;
      const r = this.keymap.resolve(this.mode, e);
      if (r) this.dispatch(r, at);
      this.composerMode.show();
    }
    this.host.requestFrame();
  }

  dispatch(r: ResolvedAction, at: number = this.host.now()): void {
    if (r.action !== 'cancel') this.actions.disarmBacktrack();
    const top = this.top();
    if (top) {
      const res = top.handle(r);
      if (res === 'close') this.closeOverlay(top);
      if (res !== 'pass') return;
      // Passed on: the key does what it does in the mode below (the popup's Enter submits).
      if (r.fallback) r = r.fallback;
    }
    const action = r.action;
    // The mode changes first: `a` moves the caret as insert mode allows.
    if (r.then) this.composerMode.set(r.then, false);
    if (isEditAction(action)) this.composerAction(action, r, at);
    else if (isAppAction(action)) this.actions.run(action, at);
  }

  /** The last `turn_diff` (the turn's changes), for /diff. */
  lastTurnDiff: string | undefined;

  /** Turns of this session that changed files (turn_checkpoint): backtrack offers to restore them. */
  checkpointTurns: number[] = [];

  composerAction(action: EditAction, r: ResolvedAction, at: number): void {
    const before = this.composer.text;
    const out = this.composer.apply(action, r.text, at, r);
    if (out.type === 'submit') this.turns.submitDraft(out.draft);
    else if (out.type === 'edited') this.composerEdited(before);
  }

  composerEdited(before: string): void {
    const text = this.composer.text;
    const cursor = this.composer.textarea.cursor;
    if (text !== before) this.actions.disarmQuit();
    const top = this.top();
    if (top?.composerChanged) {
      if (top.composerChanged(text, cursor) !== 'close') return;
      // The edit ended this popup; it may start another (/mention types the `@`).
      this.closeOverlay(top);
    } else if (top) return;
    // The slash popup and `@` picker open on typing, not on vim's normal-mode edits.
    if (!this.composerMode.typesText) return;
    for (const t of this.triggers) {
      const o = t(text, cursor);
      if (o) {
        this.pushOverlay(o);
        return;
      }
    }
  }

  interrupt(): void {
    this.submit({ type: 'interrupt' });
  }

  quit(farewell?: string): void {
    this.host.exit(farewell);
  }

  showNotice(text: string, ms: number): void {
    this.footer.notice = text;
    this.noticeUntil = this.host.now() + ms;
  }

  /** Periodic work: spinner and elapsed time, paste-burst flush, hint expiry. True = needs a frame. */
  tick(): boolean {
    const now = this.host.now();
    let dirty = false;
    if (this.composer.burstPending && this.composer.tick(now)) {
      this.composerEdited('');
      dirty = true;
    }
    if (this.footer.notice && now >= this.noticeUntil) {
      this.footer.notice = undefined;
      dirty = true;
    }
    if (this.running) {
      this.status.now = now;
      if (this.status.animate) this.events.calls.forEach((c) => c.setSpinnerFrame?.(spinnerFrame(now)));
      dirty = true;
    }
    return dirty;
  }

  /** Whether `tick` has work to do (the shell runs its timer only then). */
  get needsTicks(): boolean {
    return this.running || this.composer.burstPending || this.footer.notice !== undefined;
  }

  // ── drawing ─────────────────────────────────────────────────────────────

  measure(_width: number): number {
    return 0;
  }

  render(surface: Surface, area = { x: 0, y: 0, width: surface.width, height: surface.height }): void {
    const top = this.top();
    if (top?.placement === 'screen') {
      top.widget.render(new ClippedSurface(surface, area), { x: 0, y: 0, width: area.width, height: area.height });
      return;
    }
    const children: ColumnChild[] = [{ widget: this.statusBar }, { widget: this.pane, flex: true }];
    // A modal (approval) or a text prompt takes the place of the status line and
    // the composer, as in the original's bottom pane (Esc there denies or closes, it does not interrupt).
    const modal = replacesComposer(top);
    if (this.running && !modal) children.push({ widget: this.status });
    if (!modal && !this.pendingInput.widget.empty) children.push({ widget: this.pendingInput.widget });
    for (const o of this.overlays) if (o.placement === 'bottom') children.push({ widget: o.widget });
    if (!modal) children.push({ widget: this.composer });
    children.push({ widget: this.footer });
    const rects = renderColumn(children, surface, area);
    this.pane.screen = rects[1]!;
  }
}

/** An approval modal or a text prompt stands where the composer was (the original's bottom-pane views). */
function replacesComposer(o: Overlay | undefined): boolean {
  return o?.mode === 'modal' || o?.mode === 'prompt';
}
