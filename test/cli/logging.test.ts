import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setupLogging, tuiLogFile } from '../../app/cli/logging.js';
import { logger } from '../../app/log.js';

const home = mkdtempSync(join(tmpdir(), 'codex-log-'));
after(() => rmSync(home, { recursive: true, force: true }));

test('the TUI logs to $CODEX_HOME/log/codex-tui.log at info by default', () => {
  delete process.env.RUST_LOG;
  delete process.env.CODEX_LOG;
  assert.equal(setupLogging('tui', home), join(home, 'log', 'codex-tui.log'));
  const log = logger('codex_tui');
  log.info('hello file');
  log.debug('too detailed');
  const text = readFileSync(tuiLogFile(home), 'utf8');
  assert.match(text, /^\S+Z INFO {2}codex_tui: hello file\n$/);
  assert.equal(statSync(tuiLogFile(home)).mode & 0o777, 0o600);
});

test('other front ends log to stderr at warn; RUST_LOG / CODEX_LOG choose levels per target', () => {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stderr.write;
  try {
    assert.equal(setupLogging('stderr', home), undefined);
    logger('codex_exec').info('hidden');
    logger('codex_exec').warn('shown');
    process.env.RUST_LOG = 'error,codex_core::model=trace';
    setupLogging('stderr', home);
    logger('codex_core::model').trace('deep');
    logger('codex_exec').warn('now hidden');
    process.env.CODEX_LOG = 'debug';
    setupLogging('stderr', home);
    logger('codex_exec').debug('CODEX_LOG wins over RUST_LOG');
  } finally {
    process.stderr.write = write;
    delete process.env.RUST_LOG;
    delete process.env.CODEX_LOG;
  }
  assert.deepEqual(lines.map((l) => l.replace(/^\S+ /, '')), [
    'WARN  codex_exec: shown\n',
    'TRACE codex_core::model: deep\n',
    'DEBUG codex_exec: CODEX_LOG wins over RUST_LOG\n',
  ]);
});
