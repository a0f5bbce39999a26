// `codex completion [bash|zsh|fish|elvish|powershell]`: prints a completion
// script generated from the command table (bash when no shell is named).
import { COMPLETION_SHELLS, ROOT } from '../commands.js';
import type { CommandContext } from '../../command-context.js';
import { bashScript } from './bash.js';
import { elvishScript } from './elvish.js';
import { fishScript } from './fish.js';
import { completionModel, type CompletionModel } from './model.js';
import { powershellScript } from './powershell.js';
import { zshScript } from './zsh.js';

export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

const generators: Record<CompletionShell, (m: CompletionModel) => string> = {
  bash: bashScript, zsh: zshScript, fish: fishScript, elvish: elvishScript, powershell: powershellScript,
};

export function completionScript(shell: CompletionShell): string {
  return generators[shell](completionModel(ROOT));
}

export async function main(ctx: CommandContext): Promise<number> {
  const shell = (ctx.cmd.positionals[0] ?? 'bash') as CompletionShell;
  process.stdout.write(completionScript(shell));
  return 0;
}
