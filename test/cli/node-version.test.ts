// On a Node.js older than the bundle needs, both launchers say so in one line
// and exit 1 (before, the start failed inside with a bare TypeError). The real
// launchers run under a preload that makes the running Node report an old version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeTooOld } from '../../app/cli/launch/node-version.js';
import { CODEX_JS } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-node-version-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const pretend = join(dir, 'pretend-20.12.cjs');
writeFileSync(pretend, "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.12.2' } });\n");
const PROXY_JS = fileURLToPath(new URL('../../dist/codex-proxy.js', import.meta.url));

test('versions from 20.19 on will do; older ones get an error naming both versions', () => {
  for (const ok of ['20.19.0', '20.20.2', '21.0.0', '22.11.0', '24.1.0']) assert.equal(nodeTooOld(ok, 'codex'), undefined, ok);
  for (const old of ['20.18.3', '20.12.0', '19.9.0', '18.20.4']) {
    assert.match(nodeTooOld(old, 'codex') ?? '', new RegExp(`^codex: needs Node\\.js 20\\.19 or newer; this is Node\\.js ${old.replace(/\./g, '\\.')} \\(`), old);
  }
});

for (const [bin, name] of [[CODEX_JS, 'codex'], [PROXY_JS, 'codex-proxy']] as const) {
  test(`${name} on Node.js 20.12: one clear line and exit 1; --version still answers`, () => {
    const run = (args: string[]) => spawnSync(process.execPath, ['--require', pretend, bin, ...args], { encoding: 'utf8', env: { ...process.env, CODEX_HOME: dir }, timeout: 30_000 });
    const r = run(['exec', 'hi']);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^${name}: needs Node\\.js 20\\.19 or newer; this is Node\\.js 20\\.12\\.2 \\(.+\\)\\n$`));
    const v = run(['--version']);
    assert.equal(v.status, 0, v.stderr);
    assert.match(v.stdout, new RegExp(`^${name === 'codex' ? 'codex-cli' : 'codex-proxy'} \\d`));
  });
}
