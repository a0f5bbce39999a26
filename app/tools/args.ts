// Arguments of the built-in tools, checked with zod when a call arrives. A bad
// call never throws: it yields the error text that goes back to the model
// (`failed to parse function arguments: …`, reference §4.3), naming the field.
import { z } from 'zod';

const shellArgs = z.object({
  command: z.array(z.string(), { error: 'expected an array of strings (the argv)' })
    .min(1, { error: 'must name a program to run' }),
  workdir: z.string().optional(),
  timeout_ms: z.number().int().positive().optional(),
  /** The original also accepts `timeout`. */
  timeout: z.number().int().positive().optional(),
  with_escalated_permissions: z.boolean().optional(),
  justification: z.string().optional(),
}).transform(({ timeout, timeout_ms, ...rest }) => {
  const ms = timeout_ms ?? timeout;
  return ms === undefined ? rest : { ...rest, timeout_ms: ms };
});

const planItem = z.object({
  step: z.string(),
  status: z.enum(['pending', 'in_progress', 'completed']),
});

const updatePlanArgs = z.object({
  explanation: z.string().optional(),
  plan: z.array(planItem),
});

const applyPatchArgs = z.object({ input: z.string() });

export type ShellArgs = z.output<typeof shellArgs>;
export type UpdatePlanArgs = z.output<typeof updatePlanArgs>;
export type ApplyPatchArgs = z.output<typeof applyPatchArgs>;
export type ArgsResult<T> = { ok: true; value: T } | { ok: false; error: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`)
    .join('; ');
}

function parseWith<S extends z.ZodType>(schema: S, raw: string): ArgsResult<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { ok: false, error: `failed to parse function arguments: ${(err as Error).message}` };
  }
  const r = schema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: `failed to parse function arguments: ${describeIssues(r.error)}` };
}

/** `shell` arguments from the call's JSON text. */
export const parseShellArgs = (raw: string): ArgsResult<ShellArgs> => parseWith(shellArgs, raw);
/** `update_plan` arguments from the call's JSON text. */
export const parseUpdatePlanArgs = (raw: string): ArgsResult<UpdatePlanArgs> => parseWith(updatePlanArgs, raw);
/** `apply_patch` function-variant arguments (`{input}`) from the call's JSON text. */
export const parseApplyPatchArgs = (raw: string): ArgsResult<ApplyPatchArgs> => parseWith(applyPatchArgs, raw);
