// The tools a request offers (reference §4.3): built-in order, and the
// include_plan_tool / include_apply_patch_tool switches of config.toml.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { text, withSession } from './support.js';

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
