import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../../app/cli/commands.js';
import { createContext, flagsToCliOverrides, flagsToOverrides, isTuiCommand } from '../../app/cli/invocation.js';
import { parseArgv } from '../../app/cli/parse.js';

const home = mkdtempSync(join(tmpdir(), 'codex-inv-'));
after(() => rmSync(home, { recursive: true, force: true }));
process.env.CODEX_HOME = home;

const cmd = (...argv: string[]) => {
  const r = parseArgv(argv, ROOT);
  if (r.kind !== 'run') throw new Error('expected run');
  return r.cmd;
};

test('typed flags become ConfigOverrides', () => {
  assert.deepEqual(flagsToOverrides(cmd('-m', 'o3', '-p', 'x', '-C', '/d', '--oss', '-s', 'read-only', '-a', 'never').flags), {
    model: 'o3', profile: 'x', cwd: '/d', oss: true, sandboxMode: 'read-only', approvalPolicy: 'never',
  });
  assert.deepEqual(flagsToOverrides(cmd('--full-auto', '-s', 'read-only').flags), { sandboxMode: 'workspace-write', approvalPolicy: 'on-failure' });
  assert.deepEqual(flagsToOverrides(cmd('--yolo').flags), { sandboxMode: 'danger-full-access', approvalPolicy: 'never' });
  assert.deepEqual(flagsToOverrides(cmd().flags), {});
});

test('-c strings keep their order; --search adds tools.web_search', () => {
  assert.deepEqual(flagsToCliOverrides(cmd('-c', 'a=1', 'exec', '-c', 'b=2').flags), ['a=1', 'b=2']);
  assert.deepEqual(flagsToCliOverrides(cmd('--search', '-c', 'tools.web_search=false').flags), ['tools.web_search=false', 'tools.web_search=true']);
});

test('the TUI commands', () => {
  assert.equal(isTuiCommand(cmd()), true);
  assert.equal(isTuiCommand(cmd('resume', '--last')), true);
  assert.equal(isTuiCommand(cmd('exec', 'x')), false);
});

test('ctx.loadConfig applies the flags of the invocation (and extra overrides last)', async () => {
  writeFileSync(join(home, 'config.toml'), 'model = "file"\n[profiles.p]\nmodel = "prof"\n');
  const c = await createContext(cmd('-p', 'p', '-c', 'approval_policy=untrusted', '-C', tmpdir(), 'exec', '--full-auto')).loadConfig();
  assert.equal(c.model, 'prof');
  assert.equal(c.cwd, tmpdir());
  assert.equal(c.approvalPolicy, 'on-failure');
  assert.equal(c.sandboxPolicy.mode, 'workspace-write');
  const forced = await createContext(cmd('exec', '--full-auto')).loadConfig({ approvalPolicy: 'never' });
  assert.equal(forced.approvalPolicy, 'never');
  await assert.rejects(createContext(cmd('-C', join(home, 'nope'))).loadConfig(), { name: 'ConfigError', message: `-C/--cd: directory ${JSON.stringify(join(home, 'nope'))} does not exist` });
});

test('config warnings: stderr for exec and friends, the log for the TUI', async () => {
  writeFileSync(join(home, 'config.toml'), 'modle = "x"\n');
  const { setupLogging, tuiLogFile } = await import('../../app/cli/logging.js');
  const { readFileSync } = await import('node:fs');
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stderr.write;
  try {
    await createContext(cmd('exec', 'x')).loadConfig();
    setupLogging('tui', home);
    await createContext(cmd()).loadConfig();
  } finally {
    process.stderr.write = write;
  }
  assert.deepEqual(lines, [`warning: ${join(home, 'config.toml')}:1:1: unknown key \`modle\` (ignored)\n`]);
  assert.match(readFileSync(tuiLogFile(home), 'utf8'), /WARN {2}codex_config: .*config\.toml:1:1: unknown key `modle` \(ignored\)\n$/);
});
