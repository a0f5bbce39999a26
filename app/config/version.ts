// The package version, read once from package.json (a few hundred bytes), so
// `codex --version` and the `version` request header agree with the release.
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets.js';

let cached: string | undefined;

export function cliVersion(): string {
  return (cached ??= (JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string }).version);
}
