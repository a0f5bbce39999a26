// The keymap state machine: every key event goes through `resolve(mode, event)`
// and comes out as a named action (or nothing). Modes and bindings are data
// (keymaps/default.json); `[tui.keymap]` overrides them: `action = "key"` or
// `action = ["k1", "k2"]` rebinds the action in every mode that has it, and
// `[tui.keymap.<mode>]` rebinds it in one mode. A mode may fall back to another
// for keys it does not bind (the popup falls back to the composer), turn
// printable text into one action (`text`) and map any other key to one action
// (`unbound`, e.g. backtrack cancels on any other key).
import defaults from './default.json' with { type: 'json' };
import type { InputEvent } from './input-event.js';
import { isModeAction, KEYMAP_MODES, type KeymapAction, type KeymapMode } from './actions.js';

export { KEYMAP_MODES, type KeymapAction, type KeymapMode };

export interface ModeSpec {
  fallback?: string;
  text?: string;
  paste?: string;
  unbound?: string;
  bindings: Record<string, string[]>;
}
export type KeymapData = Record<string, ModeSpec>;

export interface ResolvedAction {
  action: KeymapAction;
  /** The typed or pasted text, for text/paste actions. */
  text?: string;
  /** What the same key means in the mode's fallback, for a handler that passes on it (Enter in the `@` popup with nothing to pick submits). */
  fallback?: ResolvedAction;
}

export type KeymapOverrides = Record<string, string | string[] | Record<string, string | string[]>>;

export class KeymapError extends Error {}

const MODIFIERS = ['ctrl', 'alt', 'shift'] as const;
const NAMED = new Set([
  'enter', 'tab', 'backspace', 'delete', 'insert', 'esc', 'space', 'up', 'down', 'left', 'right', 'home', 'end',
  'pageup', 'pagedown', 'wheelup', 'wheeldown', ...Array.from({ length: 12 }, (_, i) => `f${i + 1}`),
]);
const ALIASES: Record<string, string> = {
  escape: 'esc', return: 'enter', del: 'delete', pgup: 'pageup', pgdn: 'pagedown', bs: 'backspace', ' ': 'space',
  control: 'ctrl', meta: 'alt', option: 'alt',
};

/** Canonical key name ('Ctrl-J' → 'ctrl+j'); throws on an unknown key. */
export function normalizeKey(spec: string): string {
  const parts = spec.trim().split(/[+-](?=.)/);
  const key = parts.pop() ?? '';
  const mods = new Set<string>();
  for (const m of parts) {
    const name = ALIASES[m.toLowerCase()] ?? m.toLowerCase();
    if (!(MODIFIERS as readonly string[]).includes(name)) throw new KeymapError(`unknown modifier "${m}" in "${spec}" (expected ctrl, alt or shift)`);
    mods.add(name);
  }
  const lower = ALIASES[key.toLowerCase()] ?? key.toLowerCase();
  let base: string;
  if (NAMED.has(lower)) base = lower;
  else if ([...key].length === 1) base = mods.size ? key.toLowerCase() : key;
  else throw new KeymapError(`unknown key "${key}" in "${spec}"`);
  return [...MODIFIERS.filter((m) => mods.has(m)), base].join('+');
}

/** The key name of an input event as bindings spell it. */
export function eventKey(e: InputEvent): string | undefined {
  if (e.type === 'key') return e.key;
  if (e.type === 'wheel') return e.direction === 'up' ? 'wheelup' : 'wheeldown';
  return undefined;
}

export class Keymap {
  // mode → key → action
  private readonly tables = new Map<string, Map<string, KeymapAction>>();

  constructor(private readonly data: KeymapData) {
    for (const [mode, spec] of Object.entries(data)) {
      const table = new Map<string, KeymapAction>();
      for (const [action, keys] of Object.entries(spec.bindings)) for (const k of keys) table.set(normalizeKey(k), checked(mode, action));
      this.tables.set(mode, table);
    }
  }

  /** Every action a mode defines (its own bindings, not its fallback's). */
  actions(mode: string): string[] {
    return Object.keys(this.data[mode]?.bindings ?? {});
  }

  /** The keys bound to an action in a mode, for footer hints. */
  keysFor(mode: string, action: string): string[] {
    return this.data[mode]?.bindings[action] ?? [];
  }

  resolve(mode: string, e: InputEvent): ResolvedAction | undefined {
    const seen = new Set<string>();
    for (let m: string | undefined = mode; m && !seen.has(m); m = this.data[m]?.fallback) {
      seen.add(m);
      const spec = this.data[m];
      if (!spec) return undefined;
      if (e.type === 'paste') {
        if (spec.paste) return { action: checked(m, spec.paste), text: e.text };
        continue;
      }
      if (e.type === 'focus') return undefined;
      const key = eventKey(e);
      const action = key === undefined ? undefined : this.tables.get(m)?.get(key);
      if (action) {
        const next = spec.fallback ? this.resolve(spec.fallback, e) : undefined;
        return next ? { action, fallback: next } : { action };
      }
      if (e.type === 'key' && e.text !== undefined && spec.text) return { action: checked(m, spec.text), text: e.text };
    }
    const unbound = this.data[mode]?.unbound;
    return unbound && e.type === 'key' ? { action: checked(mode, unbound) } : undefined;
  }
}

/** An action named by the keymap data, held to the mode's vocabulary (keymaps/actions.ts). */
function checked(mode: string, action: string): KeymapAction {
  if (!(KEYMAP_MODES as readonly string[]).includes(mode) || !isModeAction(mode as KeymapMode, action)) {
    throw new KeymapError(`keymap: "${action}" is not an action of mode "${mode}"`);
  }
  return action;
}

const refuse = (message: string): never => {
  throw new KeymapError(message);
};

/**
 * The built-in keymap with the user's `[tui.keymap]` applied. A bad entry
 * (unknown mode or action, a key that does not parse) goes to `onProblem`, by
 * its key path, and is skipped, so the default stays; by default it throws.
 */
export function buildKeymap(overrides: KeymapOverrides = {}, onProblem: (message: string) => void = refuse): Keymap {
  const data: KeymapData = structuredClone(defaults as KeymapData);
  const apply = (mode: string, action: string, value: unknown, path: string): void => {
    const keys = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
      throw new KeymapError(`${path}: expected a key or a list of keys`);
    }
    for (const k of keys) {
      try {
        normalizeKey(k);
      } catch (e) {
        throw new KeymapError(`${path}: ${(e as Error).message}`);
      }
    }
    // A rebound key leaves whichever action had it before, and the keys the
    // rebound action gives up go to the (first) action that lost a key to it, so
    // nothing goes dead: `submit = "ctrl+j"` makes Enter insert a newline.
    const bindings = data[mode]!.bindings;
    const taken = new Set(keys.map(normalizeKey));
    const freed = (bindings[action] ?? []).filter((k) => !taken.has(normalizeKey(k)));
    const losers: string[] = [];
    for (const [other, ks] of Object.entries(bindings)) {
      if (other === action) continue;
      const kept = ks.filter((k) => !taken.has(normalizeKey(k)));
      if (kept.length < ks.length) losers.push(other);
      bindings[other] = kept;
    }
    bindings[action] = keys;
    const heir = losers[0];
    if (heir) bindings[heir] = [...bindings[heir]!, ...freed];
  };
  const applyOrReport = (mode: string, action: string, value: unknown, path: string): void => {
    try {
      apply(mode, action, value, path);
    } catch (e) {
      if (!(e instanceof KeymapError)) throw e;
      onProblem(e.message);
    }
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!data[name]) {
        onProblem(`tui.keymap.${name}: unknown mode (expected one of ${Object.keys(data).join(', ')})`);
        continue;
      }
      for (const [action, keys] of Object.entries(value)) {
        if (data[name].bindings[action]) applyOrReport(name, action, keys, `tui.keymap.${name}.${action}`);
        else onProblem(`tui.keymap.${name}.${action}: unknown action (expected one of ${Object.keys(data[name].bindings).join(', ')})`);
      }
      continue;
    }
    const modes = Object.keys(data).filter((m) => data[m]!.bindings[name]);
    if (!modes.length) onProblem(`tui.keymap.${name}: unknown action`);
    for (const m of modes) applyOrReport(m, name, value, `tui.keymap.${name}`);
  }
  return new Keymap(data);
}
