// taggedPids reads /proc/<pid>/environ: a tag counts only as a whole entry.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROCESS_TAG_VAR, taggedPids } from '../../app/tools/process-tag.js';

test('taggedPids: whole NUL-separated entries only; unreadable and non-pid entries are skipped', (t) => {
  const proc = mkdtempSync(join(tmpdir(), 'fake-proc-'));
  t.after(() => rmSync(proc, { recursive: true, force: true }));
  const tag = 't-1';
  const environ = (pid: string, entries: string[]) => {
    mkdirSync(join(proc, pid));
    writeFileSync(join(proc, pid, 'environ'), entries.map((e) => `${e}\0`).join(''));
  };
  environ('101', [`${PROCESS_TAG_VAR}=${tag}`, 'PATH=/bin']);
  environ('102', ['HOME=/root', `${PROCESS_TAG_VAR}=${tag}`]);
  environ('103', [`X_${PROCESS_TAG_VAR}=${tag}`]); // another variable's name ends with ours
  environ('104', [`${PROCESS_TAG_VAR}=${tag}-other`]); // another codex's tag
  environ('105', [`NOTE=${PROCESS_TAG_VAR}=${tag}`]); // inside a value
  mkdirSync(join(proc, '106')); // no environ (gone, or not ours)
  mkdirSync(join(proc, 'self'));
  assert.deepEqual(taggedPids(tag, proc).sort(), [101, 102]);
  assert.deepEqual(taggedPids(tag, join(proc, 'missing')), []);
});
