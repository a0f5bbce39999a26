// The composer's keymap mode: 'composer' (the classic key table), or vim's
// 'vim_normal' and 'vim_insert' ([tui] vim, /vim). What a mode means for the
// caret and the footer's indicator is the keymap's data (keymaps/vim.json);
// this holds which mode the composer is in and keeps both in step.
import type { Keymap, KeymapMode } from '../../keymaps/engine.js';
import type { Composer } from '../../widgets/composer/composer.js';
import type { Footer } from '../../widgets/status/footer.js';

export class ComposerMode {
  current: KeymapMode = 'composer';

  constructor(private readonly keymap: Keymap, private readonly composer: Composer, private readonly footer: Footer) {}

  /** Vim mode is on (normal or insert). */
  get vim(): boolean {
    return this.current !== 'composer';
  }

  /** Whether edits in this mode are typing (they may open the slash popup or `@` picker). */
  get typesText(): boolean {
    return this.keymap.typesText(this.current);
  }

  /** Switches mode; `clamp` false: the action that switched places the caret (vim `a`). */
  set(mode: KeymapMode, clamp = true): void {
    this.current = mode;
    this.composer.caretOnChar = this.keymap.caretOnChar(mode);
    if (clamp && this.composer.caretOnChar) this.composer.textarea.clampToChar();
    this.show();
  }

  /** The footer's indicator: the mode's name and the keys pending towards a count or operator (`NORMAL 2d`). */
  show(): void {
    this.footer.mode = [this.keymap.indicator(this.current), this.keymap.pendingKeys()].filter(Boolean).join(' ') || undefined;
  }
}
