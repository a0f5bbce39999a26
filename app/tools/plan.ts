// update_plan: the model's task plan, surfaced as a `plan_update` event.
import type { EventMsg } from '../protocol/events.js';
import { parseUpdatePlanArgs } from './args.js';

export type PlanUpdateEvent = Extract<EventMsg, { type: 'plan_update' }>;

export type UpdatePlanOutcome =
  | { ok: true; output: 'Plan updated'; event: PlanUpdateEvent }
  | { ok: false; output: string };

/** Checks the call's JSON arguments; on success the event to emit and the tool output. */
export function handleUpdatePlan(rawArguments: string): UpdatePlanOutcome {
  const args = parseUpdatePlanArgs(rawArguments);
  if (!args.ok) return { ok: false, output: args.error };
  const { explanation, plan } = args.value;
  return {
    ok: true,
    output: 'Plan updated',
    event: { type: 'plan_update', ...(explanation !== undefined ? { explanation } : {}), plan },
  };
}
