#!/usr/bin/env node
// The `codex` binary (dist/codex.js): a small CommonJS script (CommonJS loads
// faster than an ES module) that answers a bare `--version` itself and runs
// everything else from the bundles with a code cache (launch.ts).
import { launch } from './launch.js';

launch('codex', 'codex-cli', []);
