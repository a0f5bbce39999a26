// shell_environment_policy (reference §2): the environment a command sees.
// Order: inherit → default excludes → exclude → set → include_only.
import type { ShellEnvironmentPolicy } from '../config/schema.js';

const CORE_VARS = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', 'USERNAME', 'TMPDIR', 'TEMP', 'TMP'];
const DEFAULT_EXCLUDES = ['*KEY*', '*SECRET*', '*TOKEN*'];

/** A case-insensitive glob (`*` any run, `?` one character) as a RegExp. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

const matcher = (globs: readonly string[]): ((name: string) => boolean) => {
  const res = globs.map(globToRegExp);
  return (name) => res.some((re) => re.test(name));
};

export type EnvPolicyInput = Partial<Pick<ShellEnvironmentPolicy,
  'inherit' | 'ignore_default_excludes' | 'exclude' | 'set' | 'include_only'>>;

/** Pure: the command's environment from the parent's and the policy. */
export function createCommandEnv(
  policy: EnvPolicyInput | undefined,
  parent: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const inherit = policy?.inherit ?? 'all';
  let entries = Object.entries(parent).filter((e): e is [string, string] => e[1] !== undefined);
  if (inherit === 'core') entries = entries.filter(([k]) => CORE_VARS.includes(k));
  if (inherit === 'none') entries = [];
  if (!policy?.ignore_default_excludes) {
    const isDefaultExcluded = matcher(DEFAULT_EXCLUDES);
    entries = entries.filter(([k]) => !isDefaultExcluded(k));
  }
  const excluded = matcher(policy?.exclude ?? []);
  entries = entries.filter(([k]) => !excluded(k));
  const env: Record<string, string> = Object.fromEntries(entries);
  Object.assign(env, policy?.set ?? {});
  const includeOnly = policy?.include_only ?? [];
  if (includeOnly.length === 0) return env;
  const included = matcher(includeOnly);
  return Object.fromEntries(Object.entries(env).filter(([k]) => included(k)));
}
