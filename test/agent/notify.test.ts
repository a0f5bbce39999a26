import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { notificationJson, notify } from '../../app/agent/notify.js';
import { configureLogging } from '../../app/log.js';
import { waitFor } from '../support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'codex-notify-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const n = { threadId: 't', turnId: '12345', cwd: '/w', inputMessages: ['Rename `foo` to `bar`.'], lastAssistantMessage: 'Done.' };

test('payload uses the kebab-case fields of the original', () => {
  assert.deepEqual(JSON.parse(notificationJson(n)), {
    type: 'agent-turn-complete', 'thread-id': 't', 'turn-id': '12345', cwd: '/w',
    'input-messages': ['Rename `foo` to `bar`.'], 'last-assistant-message': 'Done.',
  });
  assert.equal(JSON.parse(notificationJson({ ...n, lastAssistantMessage: null }))['last-assistant-message'], null);
});

test('the program gets the JSON as its last argument', async () => {
  const script = join(dir, 'notify.sh');
  const out = join(dir, 'out.txt');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" > "${out}.tmp"\nprintf '%s' "$2" >> "${out}.tmp"\nmv "${out}.tmp" "${out}"\n`, { mode: 0o755 });
  notify([script, 'extra-arg'], n);
  await waitFor(() => existsSync(out), `the notify program to write ${out}`);
  const [first, json] = readFileSync(out, 'utf8').split('\n');
  assert.equal(first, 'extra-arg');
  assert.equal(JSON.parse(json!)['turn-id'], '12345');
});

test('a missing or failing program is logged, never fatal', async () => {
  const logFile = join(dir, 'codex.log');
  configureLogging({ file: logFile });
  const failing = join(dir, 'fails.sh');
  writeFileSync(failing, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
  notify([join(dir, 'does-not-exist')], n);
  notify([failing], n);
  notify(undefined, n);
  notify([], n);
  const read = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  await waitFor(() => read().includes('failed to start') && read().includes('exited with 3'), () => `both failures in the log:\n${read()}`);
  assert.match(read(), /WARN +codex_core::user_notification: notify program \S*does-not-exist failed to start: .*ENOENT/);
  assert.match(read(), /WARN +codex_core::user_notification: notify program \S*fails\.sh exited with 3/);
});
