#!/usr/bin/env node
// `codex` entry point. A bare `codex --version` is answered here, before the
// command table is even loaded; everything else goes through run.ts.
import { cliVersion } from '../config/version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`codex-cli ${cliVersion()}\n`);
} else {
  const { run } = await import('./run.js');
  process.exitCode = await run(argv);
}
