import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'smol-toml';
import { decodeDecision, execElicitation, patchElicitation } from '../../app/mcp/server/elicitation.js';
import { cliOverridesFromConfig, codexParamsSchema, overridesFromParams } from '../../app/mcp/server/params.js';

test('decisions: {decision} or {action, content: {decision}}; anything else is denied', () => {
  assert.equal(decodeDecision({ decision: 'approved' }), 'approved');
  assert.equal(decodeDecision({ decision: 'approved_for_session' }), 'approved_for_session');
  assert.equal(decodeDecision({ action: 'accept', content: { decision: 'abort' } }), 'abort');
  for (const bad of [null, 'approved', {}, { decision: 'yes' }, { action: 'accept' }, { action: 'decline' }]) assert.equal(decodeDecision(bad), 'denied');
});

test('elicitation messages', () => {
  const exec = execElicitation({ type: 'exec_approval_request', call_id: 'c1', command: ['bash', '-lc', "echo 'hi there'"], cwd: '/repo' }, 7, '3');
  assert.equal(exec.message, "Allow Codex to run `bash -lc 'echo '\"'\"'hi there'\"'\"''` in `/repo`?");
  const patch = patchElicitation({ type: 'apply_patch_approval_request', call_id: 'c2', changes: { '/repo/a': { add: { content: 'x' } } }, reason: 'Needs write access' }, 'r', '4');
  assert.equal(patch.message, 'Needs write access\nAllow Codex to apply proposed code changes?');
  assert.equal(patch.codex_elicitation, 'patch-approval');
  assert.deepEqual(patch.codex_changes, { '/repo/a': { add: { content: 'x' } } });
  const bare = patchElicitation({ type: 'apply_patch_approval_request', call_id: 'c3', changes: {} }, 1, '5');
  assert.equal(bare.message, 'Allow Codex to apply proposed code changes?');
  assert.equal('codex_reason' in bare, false);
});

test('codex tool params become typed overrides and -c strings that parse back', () => {
  const p = codexParamsSchema.parse({
    prompt: 'p', model: 'o3', cwd: 'sub', 'approval-policy': 'never', sandbox: 'read-only', 'include-plan-tool': true,
    config: { 'sandbox_workspace_write.network_access': true, tui: { theme: 'light' }, notify: ['say', 'hi'] },
  });
  assert.deepEqual(overridesFromParams(p), { model: 'o3', cwd: 'sub', approvalPolicy: 'never', sandboxMode: 'read-only', includePlanTool: true });
  const cli = cliOverridesFromConfig(p.config);
  assert.deepEqual(cli, ['sandbox_workspace_write.network_access=true', 'tui={ theme = "light" }', 'notify=["say", "hi"]']);
  for (const c of cli) parse(`x = ${c.slice(c.indexOf('=') + 1)}`);
  assert.throws(() => cliOverridesFromConfig({ a: null }), /config\.a: null/);
  assert.equal(codexParamsSchema.safeParse({ prompt: 'p', sandbox: 'nope' }).success, false);
});
