// System programs some tests run. A test that needs one this machine lacks
// skips with the reason (`test('…', { skip: missingTool('zsh') }, …)`), so a
// missing program reads as "skipped", never as a failure or a pass. `.ci/run`
// installs every package below, so CI runs them all; the README lists them
// (test/project/system-tools.test.ts holds the three together).
import { spawnSync } from 'node:child_process';

interface ToolSpec {
  /** The Debian package that provides it. */
  readonly pkg: string;
  /** A stricter check than "on PATH": the output of `<tool> …args` must match. */
  readonly probe?: { readonly args: readonly string[]; readonly expect: RegExp; readonly what: string };
}

export const SYSTEM_TOOLS = {
  bwrap: { pkg: 'bubblewrap' },
  zsh: { pkg: 'zsh' },
  fish: { pkg: 'fish' },
  elvish: { pkg: 'elvish' },
  // script(1), which gives elvish the terminal its line editor needs.
  script: { pkg: 'bsdutils' },
  openssl: { pkg: 'openssl' },
  patch: { pkg: 'patch', probe: { args: ['--version'], expect: /GNU patch/, what: 'GNU patch' } },
  chattr: { pkg: 'e2fsprogs' },
  curl: { pkg: 'curl' },
} as const satisfies Record<string, ToolSpec>;

export type SystemTool = keyof typeof SYSTEM_TOOLS;

const cache = new Map<SystemTool, string | false>();

function check(tool: SystemTool): string | false {
  const spec: ToolSpec = SYSTEM_TOOLS[tool];
  const r = spawnSync(tool, [...(spec.probe?.args ?? ['--version'])], { encoding: 'utf8', timeout: 10_000 });
  const install = `(Debian package: ${spec.pkg}; .ci/run installs it)`;
  if (r.error) return `${tool} is not installed ${install}`;
  if (spec.probe && !spec.probe.expect.test(`${r.stdout}${r.stderr}`)) return `${tool} is not ${spec.probe.what} ${install}`;
  return false;
}

/** Why a test needing `tools` cannot run here (for node:test's `skip`), or false when all are present. */
export function missingTool(...tools: SystemTool[]): string | false {
  const reasons = tools.map((tool) => {
    if (!cache.has(tool)) cache.set(tool, check(tool));
    return cache.get(tool)!;
  });
  return reasons.filter(Boolean).join('; ') || false;
}
