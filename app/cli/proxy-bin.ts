#!/usr/bin/env node
// The standalone `codex-proxy` binary: the same command as `codex proxy`,
// parsed by the same command table; it answers --version itself.
import { cliVersion } from '../config/version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`codex-proxy ${cliVersion()}\n`);
} else {
  process.argv.splice(2, 0, 'proxy');
  await import('./main.js');
}
