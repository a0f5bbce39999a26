// The package version. The bundle has it inlined at build time (esbuild
// `define`); run from source (tests), it is read once from package.json.
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets.js';

declare const __CODEX_VERSION__: string | undefined;
let cached: string | undefined;

export function cliVersion(): string {
  if (typeof __CODEX_VERSION__ === 'string') return __CODEX_VERSION__;
  return (cached ??= (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string }).version);
}
