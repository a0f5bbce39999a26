// view_image (reference §4.3): the model asks to look at a local image; it is
// attached as a user message that the next request of the task carries.
import { resolve } from 'node:path';
import type { ToolEnv } from './tool-env.js';
import { userInputItems } from './user-input.js';

export async function handleViewImage(rawArguments: string, env: ToolEnv): Promise<string> {
  let path: unknown;
  try {
    path = (JSON.parse(rawArguments) as { path?: unknown }).path;
  } catch (err) {
    return `failed to parse function arguments: ${(err as Error).message}`;
  }
  if (typeof path !== 'string' || !path) return 'failed to parse function arguments: path: expected a string';
  const abs = resolve(env.ctx.cwd, path);
  try {
    env.inject(await userInputItems([{ type: 'local_image', path: abs }], env.ctx.cwd));
  } catch (err) {
    return `unable to locate image at \`${abs}\`: ${(err as Error).message}`;
  }
  return 'attached local image path';
}
