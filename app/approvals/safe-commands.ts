// The known-safe command rules (reference §5.3, classic list): commands that
// only read, which every approval policy runs without asking and unsandboxed.
import { splitPlainScript } from './shell-words.js';

const ALWAYS_SAFE = new Set([
  'cat', 'cd', 'echo', 'false', 'grep', 'head', 'ls', 'nl', 'pwd', 'tail', 'true', 'wc', 'which',
]);

const FIND_UNSAFE = new Set(['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fls', '-fprint', '-fprint0', '-fprintf']);
const RG_UNSAFE_WITH_VALUE = ['--pre', '--hostname-bin'];
const RG_UNSAFE_FLAGS = new Set(['--search-zip', '-z']);
const GIT_SAFE_SUBCOMMANDS = new Set(['branch', 'status', 'log', 'diff', 'show']);
// Stricter than the classic list: `--output` (or an abbreviation git accepts
// for it) turns log/diff/show into a write, and `git branch` is safe only in
// its listing forms, so its options come from a list of listing ones.
const GIT_WRITING_OPTION = '--output';
const GIT_BRANCH_LISTING_FLAGS = new Set([
  '-a', '--all', '-r', '--remotes', '-l', '--list', '-v', '-vv', '--verbose', '-i', '--ignore-case',
  '--show-current', '--color', '--no-color', '--column', '--no-column', '--no-abbrev', '--omit-empty',
]);
const GIT_BRANCH_LISTING_VALUES = ['--sort', '--format', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--abbrev', '--color', '--column'];
const GIT_BRANCH_LISTING_SHORT = /^-[arlvi]+$/;
const SED_PRINT_RANGE = /^\d+(,\d+)?p$/;

const hasOption = (args: readonly string[], name: string): boolean =>
  args.some((a) => a === name || a.startsWith(`${name}=`));

function isSafeGit(argv: readonly string[]): boolean {
  const sub = argv[1];
  if (sub === undefined || !GIT_SAFE_SUBCOMMANDS.has(sub)) return false;
  const args = argv.slice(2);
  const writesOutput = (a: string): boolean => {
    const name = a.split('=')[0]!;
    return name.length >= 4 && GIT_WRITING_OPTION.startsWith(name);
  };
  if (args.some(writesOutput)) return false;
  if (sub === 'branch') {
    // `git branch NAME` creates a branch; bare names and every option not known to list are refused.
    return args.every((a) => GIT_BRANCH_LISTING_FLAGS.has(a) || GIT_BRANCH_LISTING_SHORT.test(a)
      || GIT_BRANCH_LISTING_VALUES.some((o) => a.startsWith(`${o}=`)));
  }
  return true;
}

/** One command (no shell wrapper) whose every effect is reading. */
export function isSafeSimpleCommand(argv: readonly string[]): boolean {
  const [cmd, ...args] = argv;
  if (cmd === undefined) return false;
  if (ALWAYS_SAFE.has(cmd)) return true;
  switch (cmd) {
    case 'find':
      return !args.some((a) => FIND_UNSAFE.has(a));
    case 'rg':
      return !args.some((a) => RG_UNSAFE_FLAGS.has(a)) && !RG_UNSAFE_WITH_VALUE.some((o) => hasOption(args, o));
    case 'git':
      return isSafeGit(argv);
    case 'cargo':
      return args[0] === 'check';
    case 'sed':
      // The last argument must be a file: `-e…`/`-f…`/`--expression=…` would add a script (GNU sed's `e` runs commands).
      return argv.length === 4 && args[0] === '-n' && SED_PRINT_RANGE.test(args[1]!) && !args[2]!.startsWith('-');
    default:
      return false;
  }
}

/** `bash -lc SCRIPT` / `zsh -c SCRIPT` and friends: the script, else undefined. */
function shellScript(argv: readonly string[]): string | undefined {
  if (argv.length !== 3) return undefined;
  const [shell, flag, script] = argv;
  if (shell !== 'bash' && shell !== 'zsh') return undefined;
  if (flag !== '-lc' && flag !== '-c') return undefined;
  return script;
}

/** reference §5.3 is_known_safe_command. */
export function isKnownSafeCommand(argv: readonly string[]): boolean {
  if (isSafeSimpleCommand(argv)) return true;
  const script = shellScript(argv);
  if (script === undefined) return false;
  const commands = splitPlainScript(script);
  return commands !== null && commands.every(isSafeSimpleCommand);
}
