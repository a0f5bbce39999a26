// A submitted `/prompts:NAME args` line: the prompt is looked up (the folder
// re-read if it changed), expanded (expand.ts) and sent as the user's message.
// When it cannot be (no such prompt, a missing `NAME=value`, a bad quote),
// nothing is sent: the error shows in the transcript and under the composer,
// and the draft (its text, attached images and pastes) goes back into the
// composer to be fixed, before anything typed since.
import { errorCell } from '../../../widgets/transcript/cells/notice.js';
import type { Draft } from '../../../widgets/composer/composer.js';
import type { TuiApp } from '../app.js';
import { PROMPTS_PREFIX } from '../slash-commands.js';
import { expandPrompt } from './expand.js';
import type { PromptLibrary } from './library.js';

const NOTICE_MS = 8000;

export function runCustomPrompt(app: TuiApp, library: PromptLibrary, e: { name: string; args: string; draft: Draft }): void {
  const command = `/${PROMPTS_PREFIX}${e.name}`;
  const prompt = library.refresh().find((p) => p.name === e.name);
  const out = prompt
    ? expandPrompt(prompt.content, e.args, command)
    : { ok: false as const, error: `${command}: no custom prompt named ${e.name} (expected the file ${library.dir}/${e.name}.md)` };
  if (out.ok) {
    app.turns.sendMessage(out.text, e.draft.images);
    return;
  }
  app.addCell(errorCell(out.error));
  app.showNotice(out.error, NOTICE_MS);
  app.composer.restore(e.draft);
}
