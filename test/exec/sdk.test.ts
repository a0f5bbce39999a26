// The official TypeScript SDK drives this program unchanged: it spawns
// `codex exec --experimental-json …` with the prompt on stdin and reads the JSONL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codex } from '@openai/codex-sdk';
import { CODEX_JS } from '../support/cli.js';
import { messageTexts, scenario } from './support.js';

test('@openai/codex-sdk runs a thread, reads the final response, and resumes it', () =>
  scenario([
    { output: [{ type: 'function_call', name: 'shell', arguments: { command: ['echo', 'sdk-tool'] }, call_id: 'c' }], usage: { input_tokens: 7, output_tokens: 3 } },
    { output: [{ type: 'text', text: 'Hello from the mock' }], usage: { input_tokens: 8, output_tokens: 4 } },
    { output: [{ type: 'text', text: 'Second turn' }] },
  ], async (mock, ws) => {
    const codex = new Codex({ codexPathOverride: CODEX_JS, env: ws.env });
    const thread = codex.startThread({ workingDirectory: ws.repo, sandboxMode: 'read-only' });
    const turn = await thread.run('Say hello');
    assert.equal(turn.finalResponse, 'Hello from the mock');
    assert.deepEqual(turn.usage, { input_tokens: 15, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 7, reasoning_output_tokens: 0 });
    assert.deepEqual(turn.items.map((i) => i.type), ['command_execution', 'agent_message']);
    assert.ok(thread.id);
    // The SDK marks its requests with its own originator.
    assert.equal(mock.requests[0]!.headers.originator, 'codex_sdk_ts');

    const resumed = codex.resumeThread(thread.id!, { workingDirectory: ws.repo });
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const again = await resumed.run('And again', { outputSchema: schema });
    assert.equal(again.finalResponse, 'Second turn');
    assert.equal(resumed.id, thread.id);
    // --output-schema reaches the request as text.format.
    assert.deepEqual(mock.requests[2]!.body.text, { format: { type: 'json_schema', name: 'codex_output_schema', schema, strict: true } });
    assert.deepEqual(messageTexts(mock.requests[2]!.body.input).filter((t) => !t.includes('<environment_context>')),
      ['user: Say hello', 'assistant: Hello from the mock', 'user: And again']);
  }));

test('@openai/codex-sdk apiKey, baseUrl and webSearchMode reach the built-in openai provider', () =>
  scenario([{ output: [{ type: 'text', text: 'keyed' }] }], async (mock, ws) => {
    // The SDK passes apiKey as CODEX_API_KEY, baseUrl as -c openai_base_url, webSearchMode as -c web_search.
    const codex = new Codex({ codexPathOverride: CODEX_JS, env: ws.env, apiKey: 'sk-from-sdk', baseUrl: mock.url, config: { model_provider: 'openai' } });
    const thread = codex.startThread({ workingDirectory: ws.repo, sandboxMode: 'read-only', webSearchMode: 'cached' });
    const turn = await thread.run('hi');
    assert.equal(turn.finalResponse, 'keyed');
    assert.equal(mock.requests[0]!.headers.authorization, 'Bearer sk-from-sdk');
    assert.deepEqual(mock.requests[0]!.body.tools?.filter((t) => t.type === 'web_search'), [{ type: 'web_search', external_web_access: false }]);
  }));
