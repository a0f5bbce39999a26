// What both binaries do: a bare `--version` answered at once (no bundle
// loaded), a Node.js too old for the bundles refused in one line, anything
// else run from the bundles with their code caches (code-cache.ts).
import { startCli } from './code-cache.js';
import { nodeTooOld } from './node-version.js';

// Set at build time (.ci/build.mjs).
declare const __CODEX_VERSION__: string;
declare const __CODEX_BUNDLE_HASHES__: { cli: string; later: string; zod: string; deps: string };

/** `program` names the binary in errors, `versionName` in its --version line; `command` goes before the user's arguments. */
export function launch(program: string, versionName: string, command: readonly string[]): void {
  const argv = process.argv.slice(2);
  const tooOld = nodeTooOld(process.versions.node, program);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) process.stdout.write(`${versionName} ${__CODEX_VERSION__}\n`);
  else if (tooOld) {
    process.stderr.write(`${tooOld}\n`);
    process.exitCode = 1;
  } else void startCli([...command, ...argv], __CODEX_BUNDLE_HASHES__);
}
