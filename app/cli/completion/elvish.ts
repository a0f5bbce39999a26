// Elvish completion script generated from the completion model: tables of
// flags, subcommands and value completers keyed by subcommand path, and an
// arg-completer that walks the words to that path (skipping flag values).
// Elvish filters the candidates by the typed prefix itself.
import { groupValueFlags, shortHelp, subcommandSteps, type CompletionModel, type ValueKind } from './model.js';

const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;
const list = (items: readonly string[]) => `[${items.join(' ')}]`;
/** A list with one item a line (inside a map entry at 8 spaces). */
const lines = (items: readonly string[]) => `[\n${items.map((i) => `            ${i}`).join('\n')}\n        ]`;
const map = (entries: readonly (readonly [string, string])[], indent: string) =>
  entries.length ? `[\n${entries.map(([k, v]) => `${indent}    &${sq(k)}=${v}`).join('\n')}\n${indent}]` : '[&]';

function valueCompleter(kind: ValueKind): string {
  switch (kind.kind) {
    case 'choices': return `{|cur| put ${kind.choices.map(sq).join(' ')} }`;
    case 'file': return '{|cur| edit:complete-filename $cur }';
    case 'dir': return '{|cur| edit:complete-filename $cur | each {|c| if (str:has-suffix $c[stem] /) { put $c } } }';
    case 'text': return '{|cur| }';
  }
}

export function elvishScript(m: CompletionModel): string {
  const p = m.program;
  const pair = (name: string, help: string) => `[${sq(name)} ${sq(shortHelp(help) || name)}]`;
  const flags = m.nodes.map((n) => [n.path, lines(n.flags.flatMap((f) => f.names.map((name) => pair(name, f.help))))] as const);
  const subcommands = m.nodes.filter((n) => n.subcommands.length).map((n) => [n.path, lines(n.subcommands.map((s) => pair(s.name, s.help)))] as const);
  const choices = m.nodes.filter((n) => n.positionalChoices.length).map((n) => [n.path, list(n.positionalChoices.map(sq))] as const);
  const rest = m.nodes.filter((n) => n.rest !== 'none').map((n) => [n.path, sq(n.rest)] as const);
  const steps = subcommandSteps(m).map(({ parent, word, target }) => [`${parent}/${word}`, sq(target)] as const);
  const values = groupValueFlags(m, valueCompleter).map(([completer, names]) => `    for f ${list(names.map(sq))} { set values[$f] = ${completer} }`);
  return `# elvish completion for ${p}, generated from its command table.
# Install: ${p} completion elvish >> ~/.config/elvish/rc.elv
use str

{
    # Subcommand path → [flag help] pairs, [subcommand help] pairs, positional choices,
    # and whether it ends in COMMAND... ('trailing', or 'after-dashdash').
    var flags = ${map(flags, '    ')}
    var subcommands = ${map(subcommands, '    ')}
    var choices = ${map(choices, '    ')}
    var rest = ${map(rest, '    ')}
    # '<path>/<word>' → the subcommand path the word leads to (aliases included).
    var steps = ${map(steps, '    ')}
    # Value-taking flag → a function completing its value.
    var values = [&]
${values.join('\n')}

    var cand = {|name help| edit:complex-candidate $name &display=$name' ('$help')' }

    set edit:completion:arg-completer[${sq(p)}] = {|@words|
        var path = ''
        var npos = (num 0)
        var pending = ''
        var dashdash = $false
        var afterdd = (num 0)
        for w $words[1..-1] {
            if (!=s $pending '') { set pending = ''; continue }
            if $dashdash { set afterdd = (+ $afterdd 1); continue }
            if (==s $w --) { set dashdash = $true; continue }
            if (has-key $values $w) { set pending = $w; continue }
            if (and (str:has-prefix $w -) (> (count $w) 1)) { continue }
            if (and (== $npos 0) (has-key $steps $path'/'$w)) { set path = $steps[$path'/'$w]; continue }
            set npos = (+ $npos 1)
        }
        var cur = $words[-1]
        if (!=s $pending '') {
            $values[$pending] $cur
        } elif (and (not $dashdash) (str:has-prefix $cur -)) {
            for f $flags[$path] { $cand $@f }
        } else {
            if (== $npos 0) {
                if (has-key $subcommands $path) { for s $subcommands[$path] { $cand $@s } }
                if (has-key $choices $path) { all $choices[$path] }
            }
            if (has-key $rest $path) {
                var r = $rest[$path]
                if (or (and (==s $r trailing) (== $npos 0)) (and (==s $r after-dashdash) $dashdash (== $afterdd 0))) {
                    # With a single argument, complete-sudo completes command names.
                    edit:complete-sudo sudo $cur
                }
            }
        }
    }
}
`;
}
