// /model: the provider's models (GET /models, asked when the picker opens,
// cached for the run once it answered), the current one marked and selected.
// Typing filters the list; Enter picks the selected model, or the typed name
// when nothing matches (a model the provider does not list). A second step
// offers the reasoning effort, starting on the one in effect: Enter (or Esc)
// keeps it. `/model NAME [EFFORT]` does the same without the pickers. When the
// provider cannot list its models, the list is the built-in presets' models
// and the title says why.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import { REASONING_EFFORTS, type ReasoningEffort } from '../protocol/policy.js';
import { shellSplit } from '../text/shell-split.js';
import type { TuiApp } from './app.js';
import { ChoiceOverlay, ChoiceView } from './choice.js';
import type { Overlay, OverlayResult } from './overlay.js';

/** The models offered when the provider cannot list its own. */
export const FALLBACK_MODELS = ['gpt-5-codex', 'gpt-5'];

export type ModelLister = () => Promise<string[]>;

const isEffort = (s: string): s is ReasoningEffort => (REASONING_EFFORTS as readonly string[]).includes(s);

function apply(app: TuiApp, model: string, effort: ReasoningEffort | undefined): void {
  app.settings.overrideTurnContext({ model, ...(effort && { effort }) });
  const shown = effort ?? app.statusBar.info.reasoningEffort;
  app.addCell(infoCell(`Model changed to ${model}${shown ? ` ${shown}` : ''}`));
}

class ModelPicker implements Overlay {
  readonly mode = 'popup';
  readonly placement = 'bottom';
  readonly widget: ChoiceView;
  private query = '';
  private shown: string[] = [];

  constructor(private readonly models: string[], private readonly current: string, private readonly note: string, private readonly done: (model: string) => void) {
    this.widget = new ChoiceView('', []);
    this.refilter();
    this.widget.list.selected = Math.max(0, this.shown.indexOf(current));
  }

  private refilter(): void {
    const q = this.query.toLowerCase();
    this.shown = this.models.filter((m) => m.toLowerCase().includes(q));
    this.widget.title = `Select model${this.note}: ${this.query}▏`;
    this.widget.list.emptyText = `no listed model matches; Enter uses "${this.query}"`;
    this.widget.list.setItems(this.shown.map((m) => ({ label: m === this.current ? `${m} (current)` : m })));
  }

  handle(r: ResolvedAction): OverlayResult {
    if (isModeAction('popup', r.action)) {
      switch (r.action) {
        case 'popup_prev': this.widget.list.move(-1); return 'handled';
        case 'popup_next': this.widget.list.move(1); return 'handled';
        case 'popup_close': return 'close';
        case 'popup_accept':
        case 'popup_complete': {
          const model = this.shown[this.widget.list.selected] ?? this.query.trim();
          if (!model) return 'handled';
          this.done(model);
          return 'close';
        }
        default: {
          const _: never = r.action;
          return _;
        }
      }
    }
    if ((r.action === 'insert_text' || r.action === 'paste') && r.text) {
      this.query += r.text.replace(/\s+/g, '');
      this.refilter();
    } else if (r.action === 'delete_backward') {
      this.query = this.query.slice(0, -1);
      this.refilter();
    } else if (r.action === 'interrupt_or_quit') return 'pass';
    return 'handled';
  }
}

/** The effort step: starts on the effort in effect; Esc keeps it. */
function chooseEffort(app: TuiApp, model: string): void {
  const current = app.statusBar.info.reasoningEffort;
  const efforts: { item: { label: string }; value: ReasoningEffort | undefined }[] = REASONING_EFFORTS.map((e) => ({ item: { label: e }, value: e }));
  if (current === undefined) efforts.unshift({ item: { label: "the model's default" }, value: undefined });
  const at = efforts.findIndex((e) => e.value === current);
  app.pushOverlay(new ChoiceOverlay(`Select reasoning effort for ${model}`, efforts, (effort) => apply(app, model, effort), at, {
    cancel: () => apply(app, model, undefined),
  }));
}

/** Runs /model with what was typed after it. */
export function runModelCommand(app: TuiApp, args: string, list: ModelLister): void {
  const words = shellSplit(args);
  if (!words.ok || words.words.length > 2) {
    app.addCell(errorCell(`/model: expected /model [NAME [EFFORT]]${words.ok ? '' : ` (${words.error})`}`));
    return;
  }
  const [model, effort] = words.words;
  if (model !== undefined) {
    if (effort !== undefined && !isEffort(effort)) {
      app.addCell(errorCell(`/model: unknown reasoning effort '${effort}' (expected ${REASONING_EFFORTS.join(', ')})`));
      return;
    }
    apply(app, model, effort);
    return;
  }
  app.showNotice("Asking the provider for its models…", 5000);
  list().then(
    (models) => open(app, models.length ? models : FALLBACK_MODELS, models.length ? '' : ' (the provider lists none)'),
    (e: unknown) => open(app, FALLBACK_MODELS, ` (could not list the provider's models: ${(e as Error).message})`),
  ).finally(() => app.host.requestFrame());
}

function open(app: TuiApp, listed: string[], note: string): void {
  app.footer.notice = undefined;
  const current = app.statusBar.info.model;
  const models = listed.includes(current) ? listed : [current, ...listed];
  app.pushOverlay(new ModelPicker(models, current, note, (model) => chooseEffort(app, model)));
}
