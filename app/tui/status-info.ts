// What the status bar says about the session: working root, model, provider,
// sandbox and approval, from the configuration and the /model and /approvals
// choices made since (which /new keeps); and the footer's key hints.
import { normalizeKey, type Keymap } from '../../keymaps/engine.js';
import { keyGlyph } from '../../widgets/status/footer.js';
import type { Op } from '../protocol/ops.js';
import type { Config } from '../config/types.js';
import { DEFAULT_STATUS_ITEMS, STATUS_ITEMS, type SessionInfo, type StatusItem } from '../../widgets/status/status-bar.js';
import { tildePath } from '../../widgets/transcript/cells/header.js';

/** The settings /model and /approvals change, as the override_turn_context op carries them. */
export type TurnOverrides = Omit<Extract<Op, { type: 'override_turn_context' }>, 'type'>;

export function sessionInfo(config: Config, model = config.model): SessionInfo {
  return {
    cwd: tildePath(config.cwd, process.env.HOME),
    model,
    ...(config.reasoningEffort ? { reasoningEffort: config.reasoningEffort } : {}),
    provider: config.provider.name,
    sandbox: config.sandboxPolicy.mode,
    approval: config.approvalPolicy,
  };
}

/** `info` with the overrides applied. */
export function withOverrides(info: SessionInfo, o: TurnOverrides): SessionInfo {
  return {
    ...info,
    ...(o.model !== undefined && { model: o.model }),
    ...(o.effort !== undefined && { reasoningEffort: o.effort }),
    ...(o.approval_policy !== undefined && { approval: o.approval_policy }),
    ...(o.sandbox_policy !== undefined && { sandbox: o.sandbox_policy.mode }),
  };
}

/** The footer's key hints, from the composer's bindings (a user's [tui.keymap] shows). */
const HINTED: [string, string][] = [['submit', 'send'], ['newline', 'newline'], ['open_transcript', 'transcript'], ['interrupt_or_quit', 'quit']];

export function composerHints(keymap: Keymap): [string, string][] {
  return HINTED.flatMap(([action, label]): [string, string][] => {
    const key = composerKey(keymap, action);
    return key ? [[key, label]] : [];
  });
}

/** The first key bound to a composer action, as the footer names keys (`⌃T`); undefined when unbound. */
export function composerKey(keymap: Keymap, action: string): string | undefined {
  const key = keymap.keysFor('composer', action)[0];
  return key ? keyGlyph(normalizeKey(key)) : undefined;
}

const isStatusItem = (id: string): id is StatusItem => STATUS_ITEMS.some((i) => i.id === id);

/**
 * `[tui] status_line` as the bar's items; an id we do not know (the native CLI
 * has more) is reported to `onUnknown` and left out. Absent: the default set.
 */
export function statusItems(ids: readonly string[] | undefined, onUnknown: (message: string) => void): readonly StatusItem[] {
  if (!ids) return DEFAULT_STATUS_ITEMS;
  const known = ids.filter(isStatusItem);
  for (const id of ids.filter((i) => !isStatusItem(i))) {
    onUnknown(`[tui] status_line: unknown item "${id}" (ignored; expected one of ${STATUS_ITEMS.map((i) => i.id).join(', ')})`);
  }
  return [...new Set(known)];
}
