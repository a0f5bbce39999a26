// The instructions the model receives: our base prompt (a Markdown data file,
// replaced by experimental_instructions_file when set) and the compaction prompt.
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets.js';

const cache = new Map<string, string>();

function prompt(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(assetPath('app', 'agent', 'prompts', name), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export function baseInstructions(override?: string): string {
  return override ?? prompt('base.md');
}

export function compactInstructions(): string {
  return prompt('compact.md');
}

/** How the hand-over summary after a compaction starts; the history treats it as context, not a user turn. */
export const COMPACTED_HISTORY_PREFIX = 'Another language model started to solve this problem';

/** The user message that replaces the history after a compaction. */
export function compactedHistoryMessage(summary: string): string {
  return `${COMPACTED_HISTORY_PREFIX} and produced a summary of its thinking process. You also have access to the state of the tools that were used by that language model. Use this to build on the work that has already been done and avoid duplicating work. Here is the summary produced by the other language model, use the information in this summary to assist with your own analysis:\n\n${summary}`;
}
