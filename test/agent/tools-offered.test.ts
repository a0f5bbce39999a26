// The tools a request offers (reference §4.3): built-in order, and the
// include_plan_tool / include_apply_patch_tool switches of config.toml.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerToml } from '../support/cli.js';
import { outputOf, withMock } from '../exec/support.js';
import { harness, text, withSession } from './support.js';

const reply = { output: [{ type: 'text' as const, text: 'ok' }] };
const toolNames = (tools: unknown) => (tools as { type: string; name?: string }[]).map((t) => t.name ?? t.type);

test('by default the plan and apply_patch tools are offered, in the reference order', () =>
  withSession([reply], async (h, mock) => {
    assert.equal(h.config.includePlanTool, true);
    assert.equal(h.config.includeApplyPatchTool, true);
    h.session.submit(text('hi'));
    await h.next('task_complete');
    assert.deepEqual(toolNames(mock.requests[0]!.body.tools), ['shell', 'update_plan', 'apply_patch', 'view_image']);
  }));

test('include_plan_tool = false and include_apply_patch_tool = false leave those tools out', () =>
  withSession([reply], 'include_plan_tool = false\ninclude_apply_patch_tool = false', async (h, mock) => {
    h.session.submit(text('hi'));
    await h.next('task_complete');
    assert.deepEqual(toolNames(mock.requests[0]!.body.tools), ['shell', 'view_image']);
  }));

test('codex-mini-latest gets the native local_shell tool on the Responses wire, and its calls run', () =>
  withSession([
    { output: [{ type: 'local_shell_call', command: ['echo', 'from-local-shell'], call_id: 'ls1' }] },
    reply,
  ], 'profile = "mini"\n[profiles.mini]\nmodel = "codex-mini-latest"', async (h, mock) => {
    h.session.submit(text('hi'));
    await h.next('task_complete');
    assert.deepEqual(mock.requests[0]!.body.tools?.[0], { type: 'local_shell' });
    assert.deepEqual(toolNames(mock.requests[0]!.body.tools), ['local_shell', 'update_plan', 'apply_patch', 'view_image']);
    assert.match(outputOf(mock.requests[1]!.body.input, 'ls1') ?? '', /from-local-shell/);
  }));

test('on the Chat wire codex-mini-latest keeps the shell function (Chat has no native tools)', () =>
  withMock([reply], async (mock) => {
    const h = await harness(mock.url, `profile = "mini"\n[profiles.mini]\nmodel = "codex-mini-latest"\nmodel_provider = "chatmock"\n${providerToml(mock.url, 'chat').replace('[model_providers.mock]', '[model_providers.chatmock]')}`);
    try {
      h.session.submit(text('hi'));
      await h.next('task_complete');
      const tools = mock.requests[0]!.body.tools as { function?: { name: string } }[];
      assert.equal(tools[0]?.function?.name, 'shell');
    } finally {
      await h.close();
    }
  }));
