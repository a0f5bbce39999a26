#!/usr/bin/env node
// Placeholder entry of the standalone `codex-proxy` binary; the proxy owner replaces it.
process.stderr.write('codex-proxy: not available yet\n');
process.exitCode = 2;
