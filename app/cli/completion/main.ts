// `codex completion [bash|zsh|fish]`: prints a completion script generated
// from the command table (bash when no shell is named).
import { ROOT } from '../commands.js';
import type { CommandContext } from '../context.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { completionModel } from './model.js';
import { zshScript } from './zsh.js';

const generators = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

export function completionScript(shell: keyof typeof generators): string {
  return generators[shell](completionModel(ROOT));
}

export async function main(ctx: CommandContext): Promise<number> {
  const shell = (ctx.cmd.positionals[0] ?? 'bash') as keyof typeof generators;
  process.stdout.write(completionScript(shell));
  return 0;
}
