// Bash completion script generated from the completion model. The function
// walks COMP_WORDS to find the subcommand path (skipping flag values), then
// offers that command's flags, subcommands, choices, files or directories.
import { groupValueFlags, subcommandSteps, type CompletionModel, type ValueKind } from './model.js';

const q = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
const words = (list: readonly string[]) => q(list.join(' '));

function valueBranch(kind: ValueKind): string {
  switch (kind.kind) {
    case 'choices': return `COMPREPLY=($(compgen -W ${words(kind.choices)} -- "$cur"))`;
    case 'file': return 'COMPREPLY=($(compgen -f -- "$cur"))';
    case 'dir': return 'COMPREPLY=($(compgen -d -- "$cur"))';
    case 'text': return ':';
  }
}

export function bashScript(m: CompletionModel): string {
  const fn = `_${m.program.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const valueFlags = [...m.values.keys()];
  const subCases = subcommandSteps(m).map(({ parent, word, target }) => `                    ${q(`${parent}/${word}`)}) cmdpath=${q(target)}; continue ;;`);
  const flagCases = m.nodes.map((n) => `            ${q(n.path)}) COMPREPLY=($(compgen -W ${words(n.flags.flatMap((f) => f.names))} -- "$cur")) ;;`);
  const wordCases = m.nodes.flatMap((n) => {
    const branches: string[] = [];
    const first = [...n.subcommands.map((s) => s.name), ...n.positionalChoices];
    if (first.length) branches.push(`((npos == 0)) && COMPREPLY=($(compgen -W ${words(first)} -- "$cur"))`);
    if (n.rest === 'trailing') branches.push('((npos == 0)) && COMPREPLY=($(compgen -c -- "$cur"))');
    if (n.rest === 'after-dashdash') branches.push('((dashdash && afterdd == 0)) && COMPREPLY=($(compgen -c -- "$cur"))');
    return branches.length ? [`            ${q(n.path)}) ${branches.join('; ')} ;;`] : [];
  });
  return `# bash completion for ${m.program}, generated from its command table.
# Install: ${m.program} completion bash > /etc/bash_completion.d/${m.program}
${fn}() {
    local cur="\${COMP_WORDS[COMP_CWORD]}"
    local cmdpath="" npos=0 skip=0 dashdash=0 afterdd=0 i w prev=""
    COMPREPLY=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="\${COMP_WORDS[i]}"
        if ((skip)); then skip=0; continue; fi
        if ((dashdash)); then afterdd=$((afterdd + 1)); continue; fi
        case "$w" in
            --) dashdash=1; continue ;;
            ${valueFlags.join('|')}) skip=1; prev="$w"; continue ;;
            -?*) continue ;;
        esac
        if ((npos == 0)); then
            case "$cmdpath/$w" in
${subCases.join('\n')}
            esac
        fi
        npos=$((npos + 1))
    done
    if ((skip)); then
        case "$prev" in
${groupValueFlags(m, valueBranch).map(([branch, names]) => `            ${names.join('|')}) ${branch} ;;`).join('\n')}
        esac
        return 0
    fi
    if ((!dashdash)) && [[ "$cur" == -* ]]; then
        case "$cmdpath" in
${flagCases.join('\n')}
        esac
        return 0
    fi
    case "$cmdpath" in
${wordCases.join('\n')}
    esac
    return 0
}
complete -F ${fn} -o bashdefault -o default ${m.program}
`;
}
