// The keymap state machine: every key event goes through `resolve(mode, event)`
// and comes out as a named action (or nothing). Modes and bindings are data
// (keymaps/default.json); `[tui.keymap]` overrides them: `action = "key"` or
// `action = ["k1", "k2"]` rebinds the action in every mode that has it, and
// `[tui.keymap.<mode>]` rebinds it in one mode. A mode may fall back to another
// for keys it does not bind (the popup falls back to the composer), turn
// printable text into one action (`text`) and map any other key to one action
// (`unbound`, e.g. backtrack cancels on any other key).
//
// Modal editing (keymaps/vim.json) adds, per mode: `counts` (digits before a
// key repeat it), `operators` (a key that waits for a motion or a text object,
// whose keys are spelled "i w", or for itself again: the `line_object`), `then`
// (the mode the composer is in after an action: i → insert, Esc → normal),
// `indicator` (the footer's name for the mode) and `caret: "on_char"` (the
// caret sits on a character, never after a line's last one). Keys typed
// towards a count or an operator are pending; a key that completes nothing
// cancels them and is consumed, as in vim.
import defaults from './default.json' with { type: 'json' };
import vim from './vim.json' with { type: 'json' };
import type { InputEvent } from './input-event.js';
import {
  isModeAction, isOperandAction, isOperatorAction, KEYMAP_MODES, type KeymapAction, type KeymapMode, type OperandAction,
  type OperatorAction,
} from './actions.js';

export { KEYMAP_MODES, type KeymapAction, type KeymapMode };

export interface ModeSpec {
  fallback?: string;
  text?: string;
  paste?: string;
  unbound?: string;
  bindings: Record<string, string[]>;
  counts?: boolean;
  operators?: Record<string, string[]>;
  objects?: Record<string, string[]>;
  line_object?: string;
  then?: Record<string, string>;
  indicator?: string;
  caret?: 'on_char';
}
export type KeymapData = Record<string, ModeSpec>;

export interface ResolvedAction {
  action: KeymapAction;
  /** The typed or pasted text, for text/paste actions. */
  text?: string;
  /** What the same key means in the mode's fallback, for a handler that passes on it (Enter in the `@` popup with nothing to pick submits). */
  fallback?: ResolvedAction;
  /** How many times (a count typed before the key, or before and after an operator, multiplied). */
  count?: number;
  /** The operator `action` (a motion or text object) is the operand of. */
  operator?: OperatorAction;
  /** The mode the composer is in after this action. */
  then?: KeymapMode;
}

/** Keys typed towards a count or an operator in a modal mode. */
interface Pending {
  mode: string;
  keys: string[];
  count?: number;
  operator?: { action: OperatorAction; key: string; count?: number };
  /** The first key of a two-key text object. */
  prefix?: string;
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

// Every start normalises the ~170 keys of the built-in keymaps, many of them alike.
const normalized = new Map<string, string>();

/** Canonical key name ('Ctrl-J' → 'ctrl+j'); throws on an unknown key. */
export function normalizeKey(spec: string): string {
  let key = normalized.get(spec);
  if (key === undefined) normalized.set(spec, (key = parseKey(spec)));
  return key;
}

function parseKey(spec: string): string {
  // Split at each + or - that has something after it ('ctrl++' is Ctrl and +), by hand: a regular
  // expression would be compiled at its first use, before every start's first frame.
  const s = spec.trim();
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length - 1; i++) {
    if (s[i] === '+' || s[i] === '-') {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  const key = s.slice(from);
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

const seq = (spec: string): string => spec.trim().split(/\s+/).map(normalizeKey).join(' ');

/** A mode's key tables: key → action, operator key → operator, "k1 k2" → text object. */
interface ModeTables {
  keys: Map<string, KeymapAction>;
  operators: Map<string, OperatorAction>;
  objects: Map<string, OperandAction>;
}

export class Keymap {
  // Made, and the mode's data checked, the first time a mode resolves a key: the first frame resolves none.
  private readonly compiled = new Map<string, ModeTables | undefined>();
  private pending: Pending | undefined;

  constructor(private readonly data: KeymapData) {}

  /** The mode's tables; a KeymapError names what in its data is not an action of the mode, an operator, an operand or a mode. */
  private tables(mode: string): ModeTables | undefined {
    if (this.compiled.has(mode)) return this.compiled.get(mode);
    const spec = this.data[mode];
    let made: ModeTables | undefined;
    if (spec) {
      made = { keys: new Map(), operators: new Map(), objects: new Map() };
      for (const [action, keys] of Object.entries(spec.bindings)) for (const k of keys) made.keys.set(normalizeKey(k), checked(mode, action));
      for (const [action, keys] of Object.entries(spec.operators ?? {})) for (const k of keys) made.operators.set(normalizeKey(k), operator(mode, action));
      for (const [action, keys] of Object.entries(spec.objects ?? {})) for (const k of keys) made.objects.set(seq(k), operand(mode, action));
      if (spec.line_object !== undefined) operand(mode, spec.line_object);
      for (const [action, next] of Object.entries(spec.then ?? {})) {
        checked(mode, action);
        if (!(KEYMAP_MODES as readonly string[]).includes(next)) throw new KeymapError(`keymap: "${mode}.then.${action}": unknown mode "${next}"`);
      }
    }
    this.compiled.set(mode, made);
    return made;
  }

  /** The footer's name for a mode (vim's NORMAL / INSERT), if it has one. */
  indicator(mode: string): string | undefined {
    return this.data[mode]?.indicator;
  }

  /** Whether the caret sits on a character in this mode (vim normal mode). */
  caretOnChar(mode: string): boolean {
    return this.data[mode]?.caret === 'on_char';
  }

  /** Whether printable keys type text in this mode (or its fallback): edits there may open the slash popup or `@` picker. */
  typesText(mode: string): boolean {
    const seen = new Set<string>();
    for (let m: string | undefined = mode; m && !seen.has(m); m = this.data[m]?.fallback) {
      seen.add(m);
      if (this.data[m]?.text) return true;
    }
    return false;
  }

  /** The keys typed towards a count or an operator, as typed ('2d'), for the footer; '' when none. */
  pendingKeys(): string {
    return this.pending?.keys.join('') ?? '';
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
    if (this.pending && this.pending.mode !== mode) this.pending = undefined;
    const spec = this.data[mode];
    const key = e.type === 'key' ? eventKey(e) : undefined;
    if (spec && key !== undefined && (spec.counts || spec.operators)) {
      const r = this.resolveModal(mode, spec, key);
      if (r !== 'unbound') return r && this.withThen(mode, r);
    } else this.pending = undefined;
    const r = this.resolvePlain(mode, e);
    return r && this.withThen(mode, r);
  }

  private withThen(mode: string, r: ResolvedAction): ResolvedAction {
    const next = this.data[mode]?.then?.[r.operator ?? r.action];
    return next ? { ...r, then: next as KeymapMode } : r;
  }

  /** Counts, operators and text objects; 'unbound' when the key is none of them and nothing is pending. */
  private resolveModal(mode: string, spec: ModeSpec, key: string): ResolvedAction | undefined | 'unbound' {
    const p: Pending = this.pending ?? { mode, keys: [] };
    const op = p.operator;
    const done = (r: ResolvedAction | undefined): ResolvedAction | undefined => {
      this.pending = undefined;
      return r;
    };
    if (op && p.prefix !== undefined) {
      const object = this.tables(mode)?.objects.get(`${p.prefix} ${key}`);
      return done(object && counted({ action: object, operator: op.action }, op.count));
    }
    if (spec.counts && (/^[1-9]$/.test(key) || (key === '0' && p.count !== undefined))) {
      p.count = (p.count ?? 0) * 10 + Number(key);
      p.keys.push(key);
      this.pending = p;
      return undefined;
    }
    const action = this.tables(mode)?.keys.get(key);
    if (op) {
      const n = (op.count ?? 1) * (p.count ?? 1);
      const count = op.count === undefined && p.count === undefined ? undefined : n;
      if (key === op.key && spec.line_object) return done(counted({ action: operand(mode, spec.line_object), operator: op.action }, count));
      if (action && isOperandAction(action)) return done(counted({ action, operator: op.action }, count));
      if ([...(this.tables(mode)?.objects.keys() ?? [])].some((k) => k.split(' ')[0] === key)) {
        p.prefix = key;
        p.keys.push(key);
        p.operator = { ...op, ...(count !== undefined ? { count } : {}) };
        delete p.count;
        this.pending = p;
        return undefined;
      }
      return done(undefined);
    }
    const operatorAction = this.tables(mode)?.operators.get(key);
    if (operatorAction) {
      this.pending = { mode, keys: [...p.keys, key], operator: { action: operatorAction, key, ...(p.count !== undefined ? { count: p.count } : {}) } };
      return undefined;
    }
    if (action) return done(counted({ action }, p.count));
    // A count before a key that means nothing here is dropped with it.
    if (this.pending) return done(undefined);
    return 'unbound';
  }

  private resolvePlain(mode: string, e: InputEvent): ResolvedAction | undefined {
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
      const action = key === undefined ? undefined : this.tables(m)?.keys.get(key);
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

const counted = (r: ResolvedAction, count: number | undefined): ResolvedAction => (count === undefined ? r : { ...r, count });

function operator(mode: string, action: string): OperatorAction {
  if (!isOperatorAction(checked(mode, action))) throw new KeymapError(`keymap: "${action}" in ${mode}.operators is not an operator`);
  return action as OperatorAction;
}

function operand(mode: string, action: string): OperandAction {
  if (!isOperandAction(checked(mode, action))) throw new KeymapError(`keymap: "${action}" in ${mode} is not a motion or text object`);
  return action as OperandAction;
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
  // Overrides only ever replace a mode's binding lists, never change one in place, so a copy of
  // each mode's bindings keeps the built-in data intact (cheaper than structuredClone at every start).
  const data: KeymapData = {};
  for (const [mode, spec] of Object.entries({ ...defaults, ...vim } as KeymapData)) data[mode] = { ...spec, bindings: { ...spec.bindings } };
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
