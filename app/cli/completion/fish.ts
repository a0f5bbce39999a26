// Fish completion script generated from the completion model: a helper walks
// the command line to the current subcommand path; one `complete` line per
// flag and subcommand is guarded by it.
import { shortHelp, subcommandSteps, type CompletionModel, type ValueKind } from './model.js';

const sq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function valueArgs(kind: ValueKind | undefined): string {
  if (!kind) return '';
  switch (kind.kind) {
    case 'choices': return ` -r -f -a ${sq(kind.choices.join(' '))}`;
    case 'file': return ' -r -F';
    case 'dir': return " -r -f -a '(__fish_complete_directories)'";
    case 'text': return ' -r -f';
  }
}

export function fishScript(m: CompletionModel): string {
  const p = m.program;
  const helper = `__fish_${p.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const subCases = subcommandSteps(m).map(({ parent, word, target }) => `                case ${sq(`${parent}/${word}`)}\n                    set path ${sq(target)}\n                    continue`);
  const lines: string[] = [];
  for (const n of m.nodes) {
    const at = `${helper}_at ${sq(n.path)}`;
    for (const f of n.flags) {
      const short = f.names.filter((x) => /^-[^-]$/.test(x)).map((x) => ` -s ${x.slice(1)}`).join('');
      const long = f.names.filter((x) => x.startsWith('--')).map((x) => ` -l ${x.slice(2)}`).join('');
      lines.push(`complete -c ${p} -n ${sq(at)}${short}${long}${valueArgs(m.values.get(f.names.at(-1)!))} -d ${sq(shortHelp(f.help))}`);
    }
    for (const s of n.subcommands) lines.push(`complete -c ${p} -n ${sq(`${at} 0`)} -f -a ${sq(s.name)} -d ${sq(shortHelp(s.help))}`);
    if (n.positionalChoices.length) lines.push(`complete -c ${p} -n ${sq(`${at} 0`)} -f -a ${sq(n.positionalChoices.join(' '))}`);
    if (n.rest === 'trailing') lines.push(`complete -c ${p} -n ${sq(`${at} 0`)} -f -a '(__fish_complete_command)'`);
  }
  return `# fish completion for ${p}, generated from its command table.
# Install: ${p} completion fish > ~/.config/fish/completions/${p}.fish

# Prints the subcommand path and the number of positionals before the cursor.
function ${helper}_state
    set -l tokens (commandline -opc)
    set -l path ''
    set -l npos 0
    set -l skip 0
    for w in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case ${[...m.values.keys()].map(sq).join(' ')}
                set skip 1
                continue
            case '-?*'
                continue
        end
        if test $npos = 0
            switch "$path/$w"
${subCases.join('\n')}
            end
        end
        set npos (math $npos + 1)
    end
    echo $path
    echo $npos
end

# True when the cursor is in the command at PATH (and, with a 2nd argument, before its first positional).
function ${helper}_at
    set -l state (${helper}_state)
    test "$state[1]" = "$argv[1]"; or return 1
    test (count $argv) -lt 2; or test "$state[2]" = "$argv[2]"
end

complete -c ${p} -f
${lines.join('\n')}
`;
}
