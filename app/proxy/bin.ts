#!/usr/bin/env node
// The standalone `codex-proxy` binary: the same command as `codex proxy`,
// parsed by the same command table.
process.argv.splice(2, 0, 'proxy');
await import('../cli/main.js');
