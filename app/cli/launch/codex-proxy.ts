#!/usr/bin/env node
// The standalone `codex-proxy` binary (dist/codex-proxy.js): the same command
// as `codex proxy`, parsed by the same command table; it answers --version itself.
import { startCli } from './code-cache.js';
import { nodeTooOld } from './node-version.js';

// Set at build time (.ci/build.mjs).
declare const __CODEX_VERSION__: string;
declare const __CODEX_BUNDLE_HASHES__: { cli: string; later: string; zod: string; deps: string };

const argv = process.argv.slice(2);
const tooOld = nodeTooOld(process.versions.node, 'codex-proxy');
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) process.stdout.write(`codex-proxy ${__CODEX_VERSION__}\n`);
else if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 1;
} else void startCli(['proxy', ...argv], __CODEX_BUNDLE_HASHES__);
