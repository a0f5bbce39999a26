import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownSafeCommand } from '../../app/approvals/safe-commands.js';
import { splitPlainScript } from '../../app/approvals/shell-words.js';

const bash = (script: string): string[] => ['bash', '-lc', script];

// [argv, expected, why]
const CASES: [string[], boolean, string][] = [
  // the always-safe list
  [['ls', '-la'], true, 'ls'],
  [['cat', 'README.md'], true, 'cat'],
  [['cd', 'src'], true, 'cd'],
  [['echo', 'hi there'], true, 'echo'],
  [['grep', '-rn', 'TODO', '.'], true, 'grep'],
  [['head', '-n', '5', 'a.txt'], true, 'head'],
  [['tail', '-f', 'log'], true, 'tail'],
  [['wc', '-l', 'x'], true, 'wc'],
  [['which', 'node'], true, 'which'],
  [['pwd'], true, 'pwd'],
  [['true'], true, 'true'],
  [['false'], true, 'false'],
  [['nl', 'x'], true, 'nl'],
  // not on the list
  [['rm', '-rf', 'x'], false, 'rm'],
  [['touch', 'x'], false, 'touch'],
  [['python3', '-c', 'print(1)'], false, 'interpreters'],
  [['/bin/ls'], false, 'only bare names match'],
  [[], false, 'empty argv'],
  [['npm', 'install'], false, 'npm'],
  // find
  [['find', '.', '-name', '*.ts'], true, 'find without actions'],
  [['find', '.', '-delete'], false, 'find -delete'],
  [['find', '.', '-exec', 'rm', '{}', ';'], false, 'find -exec'],
  [['find', '.', '-execdir', 'x', ';'], false, 'find -execdir'],
  [['find', '.', '-fprint', 'out'], false, 'find -fprint writes a file'],
  [['find', '.', '-ok', 'rm', ';'], false, 'find -ok'],
  // rg
  [['rg', '-n', 'foo'], true, 'rg'],
  [['rg', '--pre', 'sh', 'foo'], false, 'rg --pre runs a program'],
  [['rg', '--pre=sh', 'foo'], false, 'rg --pre=…'],
  [['rg', '--hostname-bin', 'x', 'foo'], false, 'rg --hostname-bin'],
  [['rg', '-z', 'foo'], false, 'rg -z'],
  [['rg', '--search-zip', 'foo'], false, 'rg --search-zip'],
  // git
  [['git', 'status'], true, 'git status'],
  [['git', 'log', '--oneline'], true, 'git log'],
  [['git', 'diff', 'HEAD~1'], true, 'git diff'],
  [['git', 'show', 'abc123'], true, 'git show'],
  [['git', 'branch'], true, 'git branch lists'],
  [['git', 'branch', '-a'], true, 'git branch -a lists'],
  [['git', 'branch', '-D', 'main'], false, 'git branch -D deletes'],
  [['git', 'branch', 'newname'], false, 'git branch NAME creates'],
  [['git', 'branch', '-av', '--sort=-committerdate', '--contains=HEAD'], true, 'git branch listing options'],
  [['git', 'branch', '-uorigin/main'], false, 'git branch -u stuck to its value'],
  [['git', 'branch', '--unset-ups'], false, 'git branch with an abbreviated writing option'],
  [['git', 'branch', '--set-upstream-t=origin/main'], false, 'git branch --set-upstream-to abbreviated'],
  [['git', 'branch', '-Dq'], false, 'git branch combined short flags with -D'],
  [['git', 'log', '--outp=log.txt'], false, 'git log --output abbreviated'],
  [['git', 'diff', '--output=/etc/x'], false, 'git diff --output writes a file'],
  [['git', 'commit', '-m', 'x'], false, 'git commit'],
  [['git', 'push'], false, 'git push'],
  [['git', '-c', 'core.pager=sh', 'log'], false, 'git -c before the subcommand'],
  [['git'], false, 'bare git'],
  // cargo, sed
  [['cargo', 'check'], true, 'cargo check'],
  [['cargo', 'build'], false, 'cargo build'],
  [['sed', '-n', '10p', 'file.txt'], true, 'sed -n Np FILE'],
  [['sed', '-n', '1,20p', 'file.txt'], true, 'sed -n M,Np FILE'],
  [['sed', '-i', 's/a/b/', 'file.txt'], false, 'sed -i'],
  [['sed', '-n', '1,20p'], false, 'sed without a file (3 args)'],
  [['sed', '-n', '1,20p', 'a', 'b'], false, 'sed with 5 args'],
  [['sed', '-n', '1,20w out', 'a'], false, 'sed w command'],
  [['sed', '-n', '1p', '-e1e touch /tmp/x'], false, 'sed with a script option in the file place (GNU sed e runs commands)'],
  [['sed', '-n', '1p', '--expression=1e id'], false, 'sed --expression in the file place'],
  [['sed', '-n', '1p', '-fscript.sed'], false, 'sed -f in the file place'],
  // bash -lc / -c / zsh
  [bash('ls && pwd'), true, 'safe && safe'],
  [bash('ls || true; echo done'), true, '|| and ;'],
  [bash('cat a.txt | grep foo | wc -l'), true, 'pipes'],
  [bash("grep 'a b' file"), true, 'single quotes'],
  [bash('grep "a b" file'), true, 'double quotes without expansions'],
  [bash('git show HEAD~1'), true, '~ inside a word is literal'],
  [bash('ls --color=auto'), true, '= in an argument'],
  [['bash', '-c', 'ls'], true, 'bash -c'],
  [['zsh', '-lc', 'ls && pwd'], true, 'zsh -lc'],
  [bash('ls > out.txt'), false, 'redirection >'],
  [bash('ls >> out.txt'), false, 'redirection >>'],
  [bash('cat < in.txt'), false, 'redirection <'],
  [bash('ls 2>/dev/null'), false, 'fd redirection'],
  [bash('echo $(rm x)'), false, 'command substitution'],
  [bash('echo `rm x`'), false, 'backquote substitution'],
  [bash('echo $HOME'), false, 'variable expansion'],
  [bash('echo "$HOME"'), false, 'expansion inside double quotes'],
  [bash('echo "`id`"'), false, 'backquotes inside double quotes'],
  [bash('ls *.ts'), false, 'glob'],
  [bash('ls file?.ts'), false, '? glob'],
  [bash('(ls)'), false, 'subshell'],
  [bash('{ ls; }'), false, 'brace group'],
  [bash('ls &'), false, 'background job'],
  [bash('ls & rm x'), false, 'background then another command'],
  [bash('FOO=bar ls'), false, 'assignment'],
  [bash('ls && rm -rf /'), false, 'one unsafe command spoils the script'],
  [bash('ls | sh'), false, 'piping into a shell'],
  [bash('ls && && pwd'), false, 'empty command'],
  [bash('ls |'), false, 'dangling pipe'],
  [bash('ls # comment'), false, 'comment'],
  [bash('ls\nrm x'), false, 'newline'],
  [bash("echo 'unterminated"), false, 'unterminated quote'],
  [bash('ls |& cat'), false, '|&'],
  [bash('~/bin/tool'), false, 'word-initial ~ expands'],
  [bash('echo "a\\"b"'), true, 'escaped quote inside double quotes'],
  [['bash', '-lc', 'ls', 'extra'], false, 'bash with extra args'],
  [['bash', '-x', 'ls'], false, 'bash without -c'],
  [['sh', '-c', 'ls'], false, 'only bash and zsh are looked into'],
  [bash('bash -lc ls'), false, 'nested shells are not looked into'],
];

for (const [argv, expected, why] of CASES) {
  test(`${expected ? 'safe' : 'not safe'}: ${why}: ${JSON.stringify(argv)}`, () => {
    assert.equal(isKnownSafeCommand(argv), expected);
  });
}

test('the tokenizer splits plain scripts into commands and words', () => {
  assert.deepEqual(splitPlainScript(`grep -n 'a  b' "c d" e\\ f && ls;pwd|wc`), [
    ['grep', '-n', 'a  b', 'c d', 'e f'],
    ['ls'],
    ['pwd'],
    ['wc'],
  ]);
  assert.deepEqual(splitPlainScript("echo ''"), [['echo', '']]);
  assert.equal(splitPlainScript(''), null);
  assert.equal(splitPlainScript('ls >x'), null);
});
