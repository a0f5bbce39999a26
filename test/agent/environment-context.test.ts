import assert from 'node:assert/strict';
import { test } from 'node:test';
import { environmentContextMessage } from '../../app/agent/environment-context.js';

test('workspace-write lists the writable roots and restricted network', () => {
  const prev = process.env.TMPDIR;
  delete process.env.TMPDIR;
  try {
    const text = environmentContextMessage({
      cwd: '/w', approvalPolicy: 'on-request', shell: '/usr/bin/zsh',
      sandboxPolicy: { mode: 'workspace-write', writableRoots: ['/data'], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false },
    });
    assert.equal(text, [
      '<environment_context>',
      '  <cwd>/w</cwd>',
      '  <approval_policy>on-request</approval_policy>',
      '  <sandbox_mode>workspace-write</sandbox_mode>',
      '  <network_access>restricted</network_access>',
      '  <writable_roots>',
      '    <root>/data</root>',
      '    <root>/w</root>',
      '    <root>/tmp</root>',
      '  </writable_roots>',
      '  <shell>zsh</shell>',
      '</environment_context>',
    ].join('\n'));
  } finally {
    if (prev !== undefined) process.env.TMPDIR = prev;
  }
});

test('full access has network enabled and no roots', () => {
  const text = environmentContextMessage({ cwd: '/w', approvalPolicy: 'never', sandboxPolicy: { mode: 'danger-full-access' } });
  assert.match(text, /<network_access>enabled<\/network_access>/);
  assert.doesNotMatch(text, /writable_roots|<shell>/);
});
