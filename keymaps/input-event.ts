// What a key press (or paste, wheel turn, focus change) is once decoded: the
// input of the keymap machine. The terminal's decoder (app/tui/input) produces it.
// Key names: 'a', 'A', 'space', 'enter', 'tab', 'backspace', 'delete', 'esc',
// 'up', 'pageup', 'home', 'f1', with modifiers in the order ctrl+alt+shift+.

export type InputEvent =
  | { type: 'key'; key: string; text?: string }
  | { type: 'paste'; text: string }
  | { type: 'wheel'; direction: 'up' | 'down'; x: number; y: number }
  /** The left button pressed, dragged or released at a cell (0-based), for selecting text in the app. */
  | { type: 'mouse'; action: 'press' | 'drag' | 'release'; x: number; y: number }
  | { type: 'focus'; focused: boolean }
  /** The terminal's answer to whether it has bracketed paste (DECRPM 2004). */
  | { type: 'bracketed_paste'; supported: boolean };
