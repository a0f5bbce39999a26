// Zsh completion script generated from the completion model: the same walk
// as the bash script over $words, then _describe / compadd / _files.
import { groupValueFlags, shortHelp, subcommandSteps, type CompletionModel, type ValueKind } from './model.js';

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const pattern = (s: string) => (s === '' ? "''" : sq(s));

function valueBranch(kind: ValueKind): string {
  switch (kind.kind) {
    case 'choices': return `compadd -- ${kind.choices.map(sq).join(' ')}`;
    case 'file': return '_files';
    case 'dir': return '_directories';
    case 'text': return ':';
  }
}

export function zshScript(m: CompletionModel): string {
  const fn = `_${m.program.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const subCases = subcommandSteps(m).map(({ parent, word, target }) => `                ${sq(`${parent}/${word}`)}) cmdpath=${sq(target)}; continue ;;`);
  const flagCases = m.nodes.map((n) => {
    const items = n.flags.flatMap((f) => f.names.map((name) => sq(`${name}:${shortHelp(f.help)}`)));
    return `        ${pattern(n.path)}) opts=(${items.join(' ')}) ;;`;
  });
  const wordCases = m.nodes.flatMap((n) => {
    const branches: string[] = [];
    if (n.subcommands.length) branches.push(`((npos == 0)) && { cmds=(${n.subcommands.map((s) => sq(`${s.name}:${shortHelp(s.help)}`)).join(' ')}); _describe -t commands 'command' cmds; }`);
    if (n.positionalChoices.length) branches.push(`((npos == 0)) && compadd -- ${n.positionalChoices.map(sq).join(' ')}`);
    if (n.rest === 'trailing') branches.push('((npos == 0)) && _command_names -e');
    if (n.rest === 'after-dashdash') branches.push('((dashdash && afterdd == 0)) && _command_names -e');
    return branches.length ? [`        ${pattern(n.path)}) ${branches.join('; ')} ;;`] : [];
  });
  return `#compdef ${m.program}
# zsh completion for ${m.program}, generated from its command table.
# Install: ${m.program} completion zsh > "\${fpath[1]}/_${m.program}"
${fn}() {
    local cmdpath='' prev='' w
    local -i i npos=0 skip=0 dashdash=0 afterdd=0
    local -a opts cmds
    for ((i = 2; i < CURRENT; i++)); do
        w=\${words[i]}
        if ((skip)); then skip=0; continue; fi
        if ((dashdash)); then afterdd+=1; continue; fi
        case $w in
            --) dashdash=1; continue ;;
            ${[...m.values.keys()].join('|')}) skip=1; prev=$w; continue ;;
            -?*) continue ;;
        esac
        if ((npos == 0)); then
            case "$cmdpath/$w" in
${subCases.join('\n')}
            esac
        fi
        npos+=1
    done
    if ((skip)); then
        case $prev in
${groupValueFlags(m, valueBranch).map(([branch, names]) => `            ${names.join('|')}) ${branch} ;;`).join('\n')}
        esac
        return
    fi
    if ((!dashdash)) && [[ \${words[CURRENT]} == -* ]]; then
        case $cmdpath in
${flagCases.join('\n')}
        esac
        _describe -t options 'option' opts
        return
    fi
    case $cmdpath in
${wordCases.join('\n')}
        *) _files ;;
    esac
}

if [[ \${zsh_eval_context[-1]} == loadautoload ]]; then
    ${fn} "$@"
else
    compdef ${fn} ${m.program}
fi
`;
}
