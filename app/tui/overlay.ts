// Hooks for interactions layered over the chat screen. An overlay owns the
// keymap mode while it is on top of the stack: the slash-command popup and
// the `@` file picker ('popup', drawn above the composer; unbound keys fall
// through to the composer), the approval modal ('modal', above the composer),
// the transcript pager and the backtrack preview ('pager'/'backtrack', full
// screen). Push one with `TuiApp.pushOverlay`; it leaves when `handle` returns
// 'close' or the app calls `closeOverlay`.
import type { KeymapMode, ResolvedAction } from '../../keymaps/engine.js';
import type { Widget } from '../../widgets/base/types.js';

export type OverlayResult = 'handled' | 'close' | 'pass';

export interface Overlay {
  readonly mode: KeymapMode;
  /** 'screen' replaces the chat screen; 'bottom' sits between the transcript and the composer. */
  readonly placement: 'screen' | 'bottom';
  readonly widget: Widget;
  /** 'pass' lets the app handle the action (composer editing under a popup). */
  handle(action: ResolvedAction): OverlayResult;
  /** The composer text or caret changed while this overlay is open (popups refilter). */
  composerChanged?(text: string, cursor: number): OverlayResult;
  onClose?(): void;
}

/**
 * Watches composer edits to open an overlay (the slash popup on a leading `/`,
 * the file picker on an `@token`). Returns an overlay to push, or nothing.
 */
export type ComposerTrigger = (text: string, cursor: number) => Overlay | undefined;
