// PowerShell completion script generated from the completion model: a native
// argument completer walks the words before the cursor to the subcommand path
// (skipping flag values), then a switch on that path offers its flags,
// subcommands or choices. Comparisons are case-sensitive (-c and -C differ).
import { groupValueFlags, shortHelp, subcommandSteps, type CompletionModel, type ValueKind } from './model.js';

const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;
const array = (items: readonly string[]) => `@(${items.map(sq).join(', ')})`;

const RESULT = '[System.Management.Automation.CompletionResult]';
const COMPLETERS = '[System.Management.Automation.CompletionCompleters]';

function valueBranch(kind: ValueKind): string {
  switch (kind.kind) {
    case 'choices': return `foreach ($c in ${array(kind.choices)}) { New-Candidate $c 'ParameterValue' $c }`;
    case 'file': return `${COMPLETERS}::CompleteFilename($wordToComplete)`;
    case 'dir': return `${COMPLETERS}::CompleteFilename($wordToComplete) | Where-Object { $_.ResultType -eq 'ProviderContainer' }`;
    case 'text': return ''; // no candidates (PowerShell then offers file names)
  }
}

export function powershellScript(m: CompletionModel): string {
  const p = m.program;
  const cand = (name: string, type: string, help: string) => `New-Candidate ${sq(name)} '${type}' ${sq(shortHelp(help) || name)}`;
  const steps = subcommandSteps(m).map(({ parent, word, target }) => `                ${sq(`${parent}/${word}`)} { ${sq(target)} }`);
  const values = groupValueFlags(m, valueBranch).filter(([branch]) => branch).map(([branch, names], i) => `        ${i ? 'elseif' : 'if'} ($pending -cin ${array(names)}) { ${branch} }`);
  const flagCases = m.nodes.map((n) => {
    const lines = n.flags.flatMap((f) => f.names.map((name) => `                ${cand(name, 'ParameterName', f.help)}`));
    return `            ${sq(n.path)} {\n${lines.join('\n')}\n            }`;
  });
  const wordCases = m.nodes.flatMap((n) => {
    const lines: string[] = [];
    const first = [
      ...n.subcommands.map((s) => cand(s.name, 'ParameterValue', s.help)),
      ...n.positionalChoices.map((c) => cand(c, 'ParameterValue', c)),
    ];
    if (first.length) lines.push(`if ($npos -eq 0) {\n${first.map((l) => `                ${l}`).join('\n')}\n            }`);
    if (n.rest === 'trailing') lines.push(`if ($npos -eq 0) { ${COMPLETERS}::CompleteCommand($wordToComplete) }`);
    if (n.rest === 'after-dashdash') lines.push(`if ($dashdash -and $afterdd -eq 0) { ${COMPLETERS}::CompleteCommand($wordToComplete) }`);
    return lines.length ? [`        ${sq(n.path)} {\n${lines.map((l) => `            ${l}`).join('\n')}\n        }`] : [];
  });
  return `# PowerShell completion for ${p}, generated from its command table.
# Install: ${p} completion powershell >> $PROFILE

Register-ArgumentCompleter -Native -CommandName ${sq(p)} -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    # A candidate, if it starts with the word being completed.
    function New-Candidate([string]$Text, [System.Management.Automation.CompletionResultType]$Type, [string]$Tip) {
        if ($Text.StartsWith($wordToComplete, [System.StringComparison]::Ordinal)) {
            ${RESULT}::new($Text, $Text, $Type, $Tip)
        }
    }

    # The words before the one being completed, without the program name.
    $words = @($commandAst.CommandElements |
        Where-Object { $_.Extent.EndOffset -lt $cursorPosition } |
        Select-Object -Skip 1 |
        ForEach-Object { $_.ToString() })

    $valueFlags = ${array([...m.values.keys()])}
    $path = ''
    $npos = 0
    $pending = $null
    $dashdash = $false
    $afterdd = 0
    foreach ($w in $words) {
        if ($null -ne $pending) { $pending = $null; continue }
        if ($dashdash) { $afterdd++; continue }
        if ($w -ceq '--') { $dashdash = $true; continue }
        if ($w -cin $valueFlags) { $pending = $w; continue }
        if ($w -clike '-?*') { continue }
        if ($npos -eq 0) {
            $next = switch -Exact -CaseSensitive ("$path/$w") {
${steps.join('\n')}
            }
            if ($null -ne $next) { $path = $next; continue }
        }
        $npos++
    }

    if ($null -ne $pending) {
${values.join('\n')}
        return
    }
    if (-not $dashdash -and $wordToComplete.StartsWith('-')) {
        switch -Exact -CaseSensitive ($path) {
${flagCases.join('\n')}
        }
        return
    }
    switch -Exact -CaseSensitive ($path) {
${wordCases.join('\n')}
    }
}
`;
}
