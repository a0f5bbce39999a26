// Flattens the command table into what every completion script needs: for each
// command path, its subcommands, flags and positional choices, plus how the
// value of each value-taking flag is completed.
import { acceptedFlags } from '../parse.js';
import type { CommandSpec } from '../spec.js';

export interface CompletionFlag {
  readonly names: readonly string[]; // ['-m', '--model']
  readonly help: string;
  readonly takesValue: boolean;
}

export interface CompletionNode {
  readonly path: string; // '' for the root, 'exec resume', …
  readonly subcommands: readonly { readonly name: string; readonly help: string }[];
  readonly flags: readonly CompletionFlag[];
  readonly positionalChoices: readonly string[];
  /** The command ends in COMMAND...: complete program names (right away, or after `--`). */
  readonly rest: 'none' | 'trailing' | 'after-dashdash';
}

export type ValueKind = { readonly kind: 'choices'; readonly choices: readonly string[] } | { readonly kind: 'file' } | { readonly kind: 'dir' } | { readonly kind: 'text' };

export interface CompletionModel {
  readonly program: string;
  readonly nodes: readonly CompletionNode[];
  /** Every spelling of every value-taking flag → how to complete its value. */
  readonly values: ReadonlyMap<string, ValueKind>;
  /** `<parent path>\t<word>` → canonical subcommand name (aliases included). */
  readonly subwords: ReadonlyMap<string, string>;
}

const HELP = { names: ['-h', '--help'], help: 'Print help', takesValue: false };

export function completionModel(root: CommandSpec): CompletionModel {
  const nodes: CompletionNode[] = [];
  const values = new Map<string, ValueKind>();
  const subwords = new Map<string, string>();
  const visit = (chain: CommandSpec[]) => {
    const cmd = chain[chain.length - 1]!;
    const path = chain.slice(1).map((c) => c.name).join(' ');
    const flags = acceptedFlags(chain).filter((f) => !f.hidden);
    for (const f of flags) {
      if (!f.value) continue;
      const kind: ValueKind = f.choices ? { kind: 'choices', choices: f.choices } : f.complete ? { kind: f.complete } : { kind: 'text' };
      for (const n of [f.short && `-${f.short}`, `--${f.long}`, ...(f.aliases ?? []).map((a) => `--${a}`)]) {
        if (!n) continue;
        const seen = values.get(n);
        if (seen && JSON.stringify(seen) !== JSON.stringify(kind)) throw new Error(`completion: ${n} completes differently in two commands`);
        values.set(n, kind);
      }
    }
    nodes.push({
      path,
      subcommands: (cmd.subcommands ?? []).flatMap((s) => [s.name, ...(s.aliases ?? [])].map((name) => ({ name, help: s.summary }))),
      flags: [
        ...flags.map((f) => ({
          names: [f.short && `-${f.short}`, `--${f.long}`, ...(f.aliases ?? []).map((a) => `--${a}`)].filter((n): n is string => !!n),
          help: f.help,
          takesValue: !!f.value,
        })),
        HELP,
      ],
      positionalChoices: cmd.positionals?.[0]?.choices ?? [],
      rest: !cmd.rest ? 'none' : cmd.positionals?.length ? 'after-dashdash' : 'trailing',
    });
    for (const s of cmd.subcommands ?? []) {
      for (const w of [s.name, ...(s.aliases ?? [])]) subwords.set(`${path}\t${w}`, s.name);
      visit([...chain, s]);
    }
  };
  visit([root]);
  return { program: root.name, nodes, values, subwords };
}

/** A first sentence of help, short enough for a completion menu. */
export function shortHelp(text: string): string {
  const first = text.split(/(?<=\.)\s|\s\(|:\s/)[0]!.replace(/\.$/, '');
  return first.length > 80 ? `${first.slice(0, 77)}...` : first;
}

/** Value-taking flag spellings grouped by the shell snippet that completes their value. */
export function groupValueFlags(m: CompletionModel, snippet: (kind: ValueKind) => string): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const [name, kind] of m.values) {
    const s = snippet(kind);
    groups.set(s, [...(groups.get(s) ?? []), name]);
  }
  return [...groups];
}

/** Every subcommand step: from the command at `parent`, the word `word` (name or alias) leads to `target`. */
export function subcommandSteps(m: CompletionModel): { parent: string; word: string; target: string }[] {
  return [...m.subwords].map(([key, name]) => {
    const [parent, word] = key.split('\t') as [string, string];
    return { parent, word, target: parent ? `${parent} ${name}` : name };
  });
}
