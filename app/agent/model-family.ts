// What the model slug implies for the request (reference §2 `model`, §4.3, §4.5):
// reasoning parameters, the apply_patch tool flavour, verbosity, context window.
// Prefix rules as data, like the original's model-family table.
import type { Config } from '../config/types.js';
import type { ModelRequest } from '../model/items.js';
import { wireOf } from '../model/wires.js';
import type { ReasoningEffort, ReasoningSummary } from '../protocol/policy.js';

export interface ModelFamily {
  reasoning: boolean;
  /** The freeform (grammar) apply_patch tool; others get the JSON function variant. */
  freeformApplyPatch: boolean;
  /** The Responses API's native `local_shell` tool instead of the `shell` function. */
  localShell: boolean;
  verbosity: boolean;
  contextWindow?: number;
}

interface FamilyRule { prefix: string; reasoning: boolean; freeform: boolean; verbosity: boolean; window?: number; localShell?: boolean }

const RULES: readonly FamilyRule[] = [
  { prefix: 'gpt-5-codex', reasoning: true, freeform: true, verbosity: false, window: 272_000 },
  { prefix: 'gpt-5', reasoning: true, freeform: true, verbosity: true, window: 272_000 },
  { prefix: 'codex-mini-latest', reasoning: true, freeform: false, verbosity: false, window: 200_000, localShell: true },
  { prefix: 'codex-', reasoning: true, freeform: false, verbosity: false, window: 200_000 },
  { prefix: 'o3', reasoning: true, freeform: false, verbosity: false, window: 200_000 },
  { prefix: 'o4-mini', reasoning: true, freeform: false, verbosity: false, window: 200_000 },
  { prefix: 'o1', reasoning: true, freeform: false, verbosity: false, window: 200_000 },
  { prefix: 'gpt-4.1', reasoning: false, freeform: false, verbosity: false, window: 1_047_576 },
  { prefix: 'gpt-4o', reasoning: false, freeform: false, verbosity: false, window: 128_000 },
  { prefix: 'gpt-oss', reasoning: false, freeform: false, verbosity: false, window: 96_000 },
];

export function modelFamily(config: Pick<Config, 'model' | 'toml' | 'provider'>): ModelFamily {
  const rule = RULES.find((r) => config.model.startsWith(r.prefix));
  const customTools = wireOf(config.provider).customTools;
  const window = config.toml.model_context_window ?? rule?.window;
  return {
    reasoning: (rule?.reasoning ?? false) || config.toml.model_supports_reasoning_summaries,
    // Custom (freeform) and native tools only where the wire can carry them.
    freeformApplyPatch: (rule?.freeform ?? false) && customTools,
    localShell: (rule?.localShell ?? false) && customTools,
    verbosity: rule?.verbosity ?? false,
    ...(window !== undefined ? { contextWindow: window } : {}),
  };
}

/** The family of the model a turn runs with: /model can change it mid-session. */
export function turnFamily(config: Pick<Config, 'toml' | 'provider'>, model: string): ModelFamily {
  return modelFamily({ model, toml: config.toml, provider: config.provider });
}

/**
 * The request's `reasoning`: a reasoning family gets the original's defaults
 * (medium effort, automatic summaries; `none` drops the summary); any other
 * model gets it only when the user chose an effort (config, -c or /model),
 * since the original sends what was asked for models it does not know.
 */
export function reasoningParams(
  family: Pick<ModelFamily, 'reasoning'>, effort: ReasoningEffort | undefined, summary: ReasoningSummary | undefined,
): ModelRequest['reasoning'] {
  if (!family.reasoning && effort === undefined) return undefined;
  const s = summary ?? 'auto';
  return { effort: effort ?? 'medium', ...(s !== 'none' ? { summary: s } : {}) };
}
