#!/usr/bin/env node
// The `codex` binary (dist/codex.js): a small CommonJS script (CommonJS loads
// faster than an ES module) that answers a bare `--version` itself and runs
// everything else from the bundle with a code cache (code-cache.ts).
import { startCli } from './code-cache.js';
import { nodeTooOld } from './node-version.js';

// Set at build time (.ci/build.mjs).
declare const __CODEX_VERSION__: string;
declare const __CODEX_BUNDLE_HASHES__: { cli: string; later: string; zod: string; deps: string };

const argv = process.argv.slice(2);
const tooOld = nodeTooOld(process.versions.node, 'codex');
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) process.stdout.write(`codex-cli ${__CODEX_VERSION__}\n`);
else if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 1;
} else void startCli(argv, __CODEX_BUNDLE_HASHES__);
