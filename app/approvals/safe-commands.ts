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
// Stricter than the classic list: these turn the read-only git subcommands into writes.
const GIT_WRITING_OPTIONS = ['--output'];
const GIT_BRANCH_WRITING_FLAGS = new Set([
  '-d', '-D', '--delete', '-m', '-M', '--move', '-c', '-C', '--copy', '-f', '--force',
  '-u', '--set-upstream-to', '--unset-upstream', '--edit-description', '--track', '--no-track',
]);
const SED_PRINT_RANGE = /^\d+(,\d+)?p$/;

const hasOption = (args: readonly string[], name: string): boolean =>
  args.some((a) => a === name || a.startsWith(`${name}=`));

function isSafeGit(argv: readonly string[]): boolean {
  const sub = argv[1];
  if (sub === undefined || !GIT_SAFE_SUBCOMMANDS.has(sub)) return false;
  const args = argv.slice(2);
  if (GIT_WRITING_OPTIONS.some((o) => hasOption(args, o))) return false;
  if (sub === 'branch') {
    // `git branch NAME` creates a branch: only listing forms (flags, no bare names) are safe.
    return args.every((a) => a.startsWith('-') && !GIT_BRANCH_WRITING_FLAGS.has(a.split('=')[0]!));
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
      return argv.length === 4 && args[0] === '-n' && SED_PRINT_RANGE.test(args[1]!);
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
