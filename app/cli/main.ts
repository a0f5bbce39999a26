#!/usr/bin/env node
// Entry point placeholder until the command table lands (foundation issue).
process.stdout.write('codex-cli 0.1.0\n');
