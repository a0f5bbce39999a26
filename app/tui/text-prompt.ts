// The overlay that drives a TextPromptView: the 'prompt' keymap mode, whose
// edit keys fall back to the composer's and edit the prompt's own field.
// Enter hands over the trimmed text (a blank field stays open, as in the
// original), Esc or Ctrl+C closes it without a word.
import { isEditAction, isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { TextPromptView } from '../../widgets/prompt/text-prompt.js';
import type { Overlay, OverlayResult } from './overlay.js';

export interface TextPromptSpec {
  title: string;
  placeholder: string;
  /** What the field holds when it opens (the current name, for /rename). */
  initial?: string;
  submit(text: string): void;
}

export class TextPromptOverlay implements Overlay {
  readonly mode = 'prompt';
  readonly placement = 'bottom';
  readonly widget: TextPromptView;

  constructor(private readonly spec: TextPromptSpec, private readonly now: () => number) {
    this.widget = new TextPromptView(spec.title, spec.placeholder, spec.initial);
  }

  handle(r: ResolvedAction): OverlayResult {
    if (isModeAction('prompt', r.action)) {
      switch (r.action) {
        case 'prompt_cancel': return 'close';
        case 'prompt_submit': {
          const out = this.widget.field.apply('submit', undefined, this.now());
          if (out.type !== 'submit') return 'handled';
          this.spec.submit(out.draft.text);
          return 'close';
        }
        default: {
          const _: never = r.action;
          return _;
        }
      }
    }
    if (r.action === 'interrupt_or_quit') return 'close';
    // A name is one line; every other edit applies to the field, and nothing reaches the composer behind it.
    if (isEditAction(r.action) && r.action !== 'newline') this.widget.field.apply(r.action, r.text, this.now(), r);
    return 'handled';
  }
}
