// `-C DIR` moves the working root for everything (issue 2): the git check,
// project trust, AGENTS.md, the sandbox's writable root and the commands' cwd,
// even when codex itself is started somewhere else.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCodex } from '../support/cli.js';
import { outputOf, scenario } from './support.js';

test('-C DIR: git check, trust, AGENTS.md, environment cwd, sandbox root and command cwd all follow DIR', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['bash', '-lc', 'pwd; touch made-by-cd'] }, call_id: 'c1' }] },
    { output: [{ type: 'text', text: 'done' }] },
  ], async (mock, ws) => {
    writeFileSync(join(ws.repo, 'AGENTS.md'), 'Marker-from-the-C-dir: use tabs.\n');
    ws.writeConfig(`[projects.${JSON.stringify(ws.repo)}]\ntrust_level = "trusted"\n`);
    const elsewhere = join(ws.home, 'not-a-repo');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'AGENTS.md'), 'Marker-from-the-process-cwd\n');

    // Started outside any git repository: without -C the git check refuses.
    const refused = await runCodex(ws, ['exec', 'hi'], { cwd: elsewhere });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Not inside a trusted directory/);
    assert.equal(mock.requests.length, 0);

    const r = await runCodex(ws, ['exec', '-C', ws.repo, 'hi'], { cwd: elsewhere });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^workdir: ${ws.repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.match(r.stderr, /^sandbox: workspace-write/m, 'the trusted project under -C picks workspace-write');
    const first = JSON.stringify(mock.requests[0]!.body);
    assert.ok(first.includes('Marker-from-the-C-dir'), 'AGENTS.md of DIR reaches the model');
    assert.ok(!first.includes('Marker-from-the-process-cwd'), 'AGENTS.md of the process cwd does not');
    assert.ok(first.includes(`<cwd>${ws.repo}</cwd>`), 'the environment context names DIR');
    const out = outputOf(mock.requests[1]!.body.input, 'c1') ?? '';
    assert.match(out, new RegExp(`"output":"${ws.repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\\\n"`), out);
    assert.ok(existsSync(join(ws.repo, 'made-by-cd')), 'the sandboxed command wrote into DIR');
    assert.ok(!existsSync(join(elsewhere, 'made-by-cd')));
  }));
