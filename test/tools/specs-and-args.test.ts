import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseApplyPatchArgs, parseShellArgs } from '../../app/tools/args.js';
import { maybeParseApplyPatchFromArgv } from '../../app/tools/apply-patch/detect.js';
import { APPLY_PATCH_INSTRUCTIONS, APPLY_PATCH_LARK_GRAMMAR } from '../../app/tools/apply-patch/grammar.js';
import { parsePatch } from '../../app/tools/apply-patch/parser.js';
import { handleUpdatePlan } from '../../app/tools/plan.js';
import { builtinToolSpecs } from '../../app/agent/tool-specs.js';

test('tool order and variants follow the options', () => {
  const names = (o: Parameters<typeof builtinToolSpecs>[0]): string[] =>
    builtinToolSpecs(o).map((t) => ('name' in t ? `${t.type}:${t.name}` : t.type));
  assert.deepEqual(names({ approvalPolicy: 'never', includePlanTool: true, applyPatch: 'freeform' }),
    ['function:shell', 'function:update_plan', 'custom:apply_patch']);
  assert.deepEqual(names({ approvalPolicy: 'never', includePlanTool: false, applyPatch: 'function' }),
    ['function:shell', 'function:apply_patch']);
  assert.deepEqual(names({ approvalPolicy: 'never', includePlanTool: false, applyPatch: 'none' }), ['function:shell']);
});

test('shell offers escalation only under on-request', () => {
  const props = (policy: 'on-request' | 'never'): string[] => {
    const [shell] = builtinToolSpecs({ approvalPolicy: policy, includePlanTool: false, applyPatch: 'none' });
    assert.ok(shell?.type === 'function');
    assert.deepEqual(shell.parameters['required'], ['command']);
    assert.equal(shell.parameters['additionalProperties'], false);
    return Object.keys(shell.parameters['properties'] as object);
  };
  assert.deepEqual(props('never'), ['command', 'workdir', 'timeout_ms']);
  assert.deepEqual(props('on-request'), ['command', 'workdir', 'timeout_ms', 'with_escalated_permissions', 'justification']);
});

test('the freeform apply_patch carries the Lark grammar; the function variant explains the format', () => {
  const [, , custom] = builtinToolSpecs({ approvalPolicy: 'never', includePlanTool: true, applyPatch: 'freeform' });
  assert.ok(custom?.type === 'custom' && custom.format.type === 'grammar');
  assert.equal(custom.format.syntax, 'lark');
  assert.equal(custom.format.definition, APPLY_PATCH_LARK_GRAMMAR);
  assert.match(APPLY_PATCH_LARK_GRAMMAR, /^start: begin_patch hunk\+ end_patch$/m);
  // the example in the instructions is itself a valid patch
  const example = APPLY_PATCH_INSTRUCTIONS.slice(APPLY_PATCH_INSTRUCTIONS.lastIndexOf('*** Begin Patch'));
  assert.equal(parsePatch(example).length, 3);
});

test('shell arguments: valid, alias, and errors that name the field', () => {
  assert.deepEqual(parseShellArgs('{"command":["ls","-la"],"workdir":"src","timeout":5000}'),
    { ok: true, value: { command: ['ls', '-la'], workdir: 'src', timeout_ms: 5000 } });
  assert.deepEqual(parseShellArgs('{"command":"ls"}'),
    { ok: false, error: 'failed to parse function arguments: command: expected an array of strings (the argv)' });
  assert.deepEqual(parseShellArgs('{"command":[]}'),
    { ok: false, error: 'failed to parse function arguments: command: must name a program to run' });
  const bad = parseShellArgs('{"command":["a", 1], "timeout_ms": "soon"}');
  assert.ok(!bad.ok);
  assert.match(bad.error, /command\.1: .*string/);
  assert.match(bad.error, /timeout_ms: .*number/);
  const json = parseShellArgs('{"command": [');
  assert.ok(!json.ok);
  assert.match(json.error, /^failed to parse function arguments: .*JSON/);
});

test('update_plan: event and output, or the error for the model', () => {
  assert.deepEqual(handleUpdatePlan('{"explanation":"why","plan":[{"step":"a","status":"completed"},{"step":"b","status":"in_progress"}]}'), {
    ok: true, output: 'Plan updated',
    event: { type: 'plan_update', explanation: 'why', plan: [{ step: 'a', status: 'completed' }, { step: 'b', status: 'in_progress' }] },
  });
  assert.deepEqual(handleUpdatePlan('{"plan":[]}'), { ok: true, output: 'Plan updated', event: { type: 'plan_update', plan: [] } });
  const bad = handleUpdatePlan('{"plan":[{"step":"a","status":"done"}]}');
  assert.equal(bad.ok, false);
  assert.match(bad.output, /^failed to parse function arguments: plan\.0\.status: /);
  assert.match(handleUpdatePlan('{}').output, /plan: /);
});

test('apply_patch function arguments', () => {
  assert.deepEqual(parseApplyPatchArgs('{"input":"*** Begin Patch"}'), { ok: true, value: { input: '*** Begin Patch' } });
  assert.equal(parseApplyPatchArgs('{"patch":"x"}').ok, false);
});

test('apply_patch through shell is recognised in its argv and heredoc forms', () => {
  const patch = '*** Begin Patch\n*** Add File: a\n+x\n*** End Patch';
  assert.deepEqual(maybeParseApplyPatchFromArgv(['apply_patch', patch]), { patch });
  assert.deepEqual(maybeParseApplyPatchFromArgv(['applypatch', patch]), { patch });
  for (const q of ["'EOF'", '"EOF"', 'EOF']) {
    assert.deepEqual(maybeParseApplyPatchFromArgv(['bash', '-lc', `apply_patch <<${q}\n${patch}\nEOF\n`]), { patch }, q);
  }
  assert.deepEqual(maybeParseApplyPatchFromArgv(['/bin/bash', '-lc', `cd 'my dir' && apply_patch <<'PATCH'\n${patch}\nPATCH`]),
    { patch, workdir: 'my dir' });
  assert.deepEqual(maybeParseApplyPatchFromArgv(['zsh', '-c', `cd sub && applypatch << 'EOF'\n${patch}\nEOF`]),
    { patch, workdir: 'sub' });
});

test('ordinary commands are not taken for apply_patch', () => {
  for (const argv of [
    ['ls'], ['apply_patch'], ['apply_patch', 'a', 'b'], ['bash', '-lc', 'echo apply_patch'],
    ['bash', '-lc', "apply_patch <<'EOF'\nx\nEOF\necho more"], ['python', '-c', "apply_patch <<'EOF'\nx\nEOF"],
    ['bash', '-lc', "rm -rf x; apply_patch <<'EOF'\nx\nEOF"],
  ]) {
    assert.equal(maybeParseApplyPatchFromArgv(argv), undefined, JSON.stringify(argv));
  }
});
