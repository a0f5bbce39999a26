// What a tools/call result (or failure) becomes for the model: the text of the
// `function_call_output` (reference §6.1 step 7).

export interface CallToolResultLike {
  content: unknown[];
  structuredContent?: unknown;
  isError?: boolean;
}

export interface ToolOutput {
  /** The `output` string of function_call_output. */
  readonly output: string;
  /** `!isError`; false for failures. */
  readonly success: boolean;
}

/** structuredContent as JSON when present and not null, otherwise the content array as JSON. */
export function outputFromResult(result: CallToolResultLike): ToolOutput {
  const body = result.structuredContent !== undefined && result.structuredContent !== null
    ? result.structuredContent
    : result.content;
  return { output: JSON.stringify(body), success: result.isError !== true };
}

/** The call never produced a result (server gone, timeout, protocol error). */
export function outputFromCallError(message: string): ToolOutput {
  return { output: `tool call error: ${message}`, success: false };
}

/** The model's `arguments` were not a JSON object. */
export function outputFromBadArguments(message: string): ToolOutput {
  return { output: `err: ${message}`, success: false };
}

/** Parses the model's arguments: empty → no arguments; otherwise a JSON object. */
export function parseToolArguments(json: string): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string } {
  if (json.trim() === '') return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (value === null) return { ok: true, value: undefined };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `tool arguments must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
