// The keymap's vocabulary as TypeScript unions: the modes and the actions each
// mode's bindings (and its `text` / `paste` / `unbound` entries) may name.
// default.json is data; test/tui/keymap.test.ts holds it to these lists, and
// every handler switches over them exhaustively, so an action added here and
// forgotten by a handler fails `npm run typecheck`.

export const KEYMAP_MODES = ['composer', 'popup', 'pager', 'modal', 'backtrack', 'resume', 'trust'] as const;
export type KeymapMode = (typeof KEYMAP_MODES)[number];

/** Composer actions that edit the draft (the composer widget applies them). */
export const EDIT_ACTIONS = [
  'insert_text', 'paste', 'submit', 'newline', 'history_prev_or_up', 'history_next_or_down', 'line_start', 'line_end',
  'char_left', 'char_right', 'word_left', 'word_right', 'delete_word_backward', 'delete_word_forward', 'kill_line_start',
  'kill_line_end', 'yank', 'delete_backward', 'delete_forward',
] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

/** Composer actions the app itself handles (quit, interrupt, scrolling, overlays). */
export const APP_ACTIONS = [
  'cancel', 'interrupt_or_quit', 'delete_forward_or_quit', 'open_transcript', 'scroll_page_up', 'scroll_page_down', 'scroll_top', 'scroll_bottom',
  'scroll_up', 'scroll_down', 'redraw', 'queue_message', 'edit_queued',
] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

export const MODE_ACTIONS = {
  composer: [...EDIT_ACTIONS, ...APP_ACTIONS],
  popup: ['popup_prev', 'popup_next', 'popup_accept', 'popup_complete', 'popup_close'],
  pager: ['pager_line_up', 'pager_line_down', 'pager_page_up', 'pager_page_down', 'pager_top', 'pager_bottom', 'pager_close'],
  modal: [
    'modal_prev', 'modal_next', 'modal_confirm', 'modal_approve', 'modal_approve_always', 'modal_deny', 'modal_abort',
    'scroll_up', 'scroll_down', 'scroll_page_up', 'scroll_page_down',
  ],
  backtrack: ['backtrack_older', 'backtrack_newer', 'backtrack_confirm', 'backtrack_cancel'],
  resume: ['resume_type', 'resume_erase', 'resume_prev', 'resume_next', 'resume_page_up', 'resume_page_down', 'resume_first', 'resume_last', 'resume_confirm', 'resume_new', 'resume_quit'],
  trust: ['trust_prev', 'trust_next', 'trust_yes', 'trust_no', 'trust_confirm', 'trust_quit'],
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

export function isAppAction(action: string): action is AppAction {
  return (APP_ACTIONS as readonly string[]).includes(action);
}
