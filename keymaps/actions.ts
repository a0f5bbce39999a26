// The keymap's vocabulary as TypeScript unions: the modes and the actions each
// mode's bindings (and its `text` / `paste` / `unbound` entries) may name.
// default.json is data; test/tui/keymap.test.ts holds it to these lists, and
// every handler switches over them exhaustively, so an action added here and
// forgotten by a handler fails `npm run typecheck`.

export const KEYMAP_MODES = ['composer', 'popup', 'pager', 'modal', 'prompt', 'backtrack', 'resume', 'trust', 'vim_normal', 'vim_insert'] as const;
export type KeymapMode = (typeof KEYMAP_MODES)[number];

/** Composer actions that edit the draft (the composer widget applies them). */
const COMPOSER_EDIT_ACTIONS = [
  'insert_text', 'paste', 'submit', 'newline', 'history_prev_or_up', 'history_next_or_down', 'line_start', 'line_end',
  'char_left', 'char_right', 'word_left', 'word_right', 'delete_word_backward', 'delete_word_forward', 'kill_line_start',
  'kill_line_end', 'yank', 'delete_backward', 'delete_forward',
] as const;

/**
 * Edits of modal editing (keymaps/vim.json): word motions by character class,
 * undo, where the caret goes when typing starts or stops, and the text
 * objects an operator takes.
 */
const MODAL_EDIT_ACTIONS = [
  'word_next_start', 'word_next_end', 'word_prev_start', 'undo', 'redo', 'insert_before', 'insert_after', 'append_line_end',
  'insert_line_start', 'open_line_below', 'open_line_above', 'normal_mode', 'inner_word', 'a_word', 'whole_line',
] as const;

export const EDIT_ACTIONS = [...COMPOSER_EDIT_ACTIONS, ...MODAL_EDIT_ACTIONS] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

/** Operators (vim d, c): they wait for a motion or text object and act on the text it covers. */
export const OPERATOR_ACTIONS = ['delete_to', 'change_to'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

/** The motions and text objects an operator may take. */
export const OPERAND_ACTIONS = [
  'char_left', 'char_right', 'word_next_start', 'word_next_end', 'word_prev_start', 'line_start', 'line_end', 'inner_word', 'a_word', 'whole_line',
] as const satisfies readonly EditAction[];
export type OperandAction = (typeof OPERAND_ACTIONS)[number];

/** Composer actions the app itself handles (quit, interrupt, scrolling, overlays). */
export const APP_ACTIONS = [
  'cancel', 'interrupt_or_quit', 'delete_forward_or_quit', 'open_transcript', 'scroll_page_up', 'scroll_page_down', 'scroll_top', 'scroll_bottom',
  'scroll_up', 'scroll_down', 'redraw', 'queue_message', 'edit_queued',
] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

export const MODE_ACTIONS = {
  composer: [...COMPOSER_EDIT_ACTIONS, ...APP_ACTIONS],
  popup: ['popup_prev', 'popup_next', 'popup_accept', 'popup_complete', 'popup_close'],
  pager: ['pager_line_up', 'pager_line_down', 'pager_page_up', 'pager_page_down', 'pager_top', 'pager_bottom', 'pager_close'],
  modal: [
    'modal_prev', 'modal_next', 'modal_confirm', 'modal_approve', 'modal_approve_always', 'modal_deny', 'modal_abort',
    'scroll_up', 'scroll_down', 'scroll_page_up', 'scroll_page_down',
  ],
  // A one-line text prompt in the composer's place (/rename): its edits fall back to the composer's keys.
  prompt: ['prompt_submit', 'prompt_cancel'],
  backtrack: ['backtrack_older', 'backtrack_newer', 'backtrack_confirm', 'backtrack_cancel'],
  resume: ['resume_type', 'resume_erase', 'resume_prev', 'resume_next', 'resume_page_up', 'resume_page_down', 'resume_first', 'resume_last', 'resume_confirm', 'resume_new', 'resume_quit'],
  trust: ['trust_prev', 'trust_next', 'trust_yes', 'trust_no', 'trust_confirm', 'trust_quit'],
  vim_normal: [
    'char_left', 'char_right', 'history_prev_or_up', 'history_next_or_down', 'word_next_start', 'word_next_end', 'word_prev_start',
    'line_start', 'line_end', 'delete_forward', 'undo', 'redo', 'insert_before', 'insert_after', 'append_line_end', 'insert_line_start',
    'open_line_below', 'open_line_above', 'inner_word', 'a_word', 'whole_line', 'delete_to', 'change_to', 'paste', 'submit',
    ...APP_ACTIONS,
  ],
  vim_insert: ['normal_mode'],
} as const satisfies Record<KeymapMode, readonly string[]>;

/** The actions of one mode. */
export type ModeAction<M extends KeymapMode> = (typeof MODE_ACTIONS)[M][number];
export type KeymapAction = ModeAction<KeymapMode>;

/** Narrows an action to one mode's vocabulary (a popup also sees composer actions through its fallback). */
export function isModeAction<M extends KeymapMode>(mode: M, action: string): action is ModeAction<M> {
  return (MODE_ACTIONS[mode] as readonly string[]).includes(action);
}

export function isEditAction(action: string): action is EditAction {
  return (EDIT_ACTIONS as readonly string[]).includes(action);
}

export function isOperatorAction(action: string): action is OperatorAction {
  return (OPERATOR_ACTIONS as readonly string[]).includes(action);
}

export function isOperandAction(action: string): action is OperandAction {
  return (OPERAND_ACTIONS as readonly string[]).includes(action);
}

export function isAppAction(action: string): action is AppAction {
  return (APP_ACTIONS as readonly string[]).includes(action);
}
