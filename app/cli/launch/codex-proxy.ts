#!/usr/bin/env node
// The standalone `codex-proxy` binary (dist/codex-proxy.js): the same command
// as `codex proxy`, parsed by the same command table; it answers --version itself.
import { launch } from './launch.js';

launch('codex-proxy', 'codex-proxy', ['proxy']);
