import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../app/config/errors.js';
import { applyOverride, parseCliOverride } from '../../app/config/overrides.js';

const value = (raw: string) => parseCliOverride(raw).value;

test('a bare word is not TOML, so it falls back to the string', () => {
  assert.deepEqual(parseCliOverride('model=o3'), { raw: 'model=o3', path: ['model'], value: 'o3' });
});

test('a quoted TOML string gives the same string', () => {
  assert.equal(value('model="o3"'), 'o3');
  assert.equal(value("model='o3'"), 'o3');
});

test('TOML scalars: bool, integer, float', () => {
  assert.equal(value('hide_agent_reasoning=true'), true);
  assert.equal(value('project_doc_max_bytes=42'), 42);
  assert.equal(value('x=1.5'), 1.5);
});

test('arrays and inline tables are parsed as TOML', () => {
  assert.deepEqual(value('sandbox_permissions=["disk-full-read-access"]'), ['disk-full-read-access']);
  assert.deepEqual(value('notify=["notify-send", "-t", "5"]'), ['notify-send', '-t', '5']);
  // smol-toml builds tables without a prototype; compare the entries.
  assert.deepEqual({ ...(value('t={a=1, b="x"}') as object) }, { a: 1, b: 'x' });
});

test('key and value are trimmed and split at the first =', () => {
  assert.deepEqual(parseCliOverride('  model  =  gpt-5  '), { raw: '  model  =  gpt-5  ', path: ['model'], value: 'gpt-5' });
  assert.equal(value('a=b=c'), 'b=c');
});

test('invalid TOML falls back to the raw string with surrounding quotes trimmed', () => {
  assert.equal(value('model="unterminated'), 'unterminated');
  assert.equal(value("x=[1, 2"), '[1, 2');
  assert.equal(value('x='), '');
  assert.equal(value(`x="'half`), 'half', 'every leading/trailing quote goes, as trim_matches does');
});

test('dotted keys become paths', () => {
  assert.deepEqual(parseCliOverride('shell_environment_policy.inherit=all').path, ['shell_environment_policy', 'inherit']);
});

test('a missing = is an error quoting the override', () => {
  assert.throws(() => parseCliOverride('model'), (e: unknown) => e instanceof ConfigError && e.message === "Invalid override (missing '='): model");
});

test('an empty key is an error quoting the override', () => {
  assert.throws(() => parseCliOverride('=o3'), (e: unknown) => e instanceof ConfigError && e.message === 'Empty key in override: =o3');
  assert.throws(() => parseCliOverride('  = o3'), { message: 'Empty key in override:   = o3' });
});

test('applyOverride creates intermediate tables and replaces a non-table in the way', () => {
  const t: Record<string, unknown> = { a: 1, keep: true };
  applyOverride(t, ['a', 'b', 'c'], 'x');
  applyOverride(t, ['n', 'm'], 2);
  assert.deepEqual(t, { a: { b: { c: 'x' } }, keep: true, n: { m: 2 } });
});

test('the key is a TOML dotted key: quoted segments keep their dots (and an = inside quotes)', () => {
  assert.deepEqual(parseCliOverride('projects."/var/tmp/a.b".trust_level="trusted"'), {
    raw: 'projects."/var/tmp/a.b".trust_level="trusted"', path: ['projects', '/var/tmp/a.b', 'trust_level'], value: 'trusted',
  });
  assert.deepEqual(parseCliOverride("model_providers.'my.host'.name=x").path, ['model_providers', 'my.host', 'name']);
  assert.deepEqual(parseCliOverride('a . "b=c\\"d" . e = 1').path, ['a', 'b=c"d', 'e']);
});

test('a key that is not a TOML key is an error naming the override', () => {
  assert.throws(() => parseCliOverride('projects./tmp/x.trust_level=trusted'), (e: unknown) =>
    e instanceof ConfigError && /^-c projects\.\/tmp\/x\.trust_level=trusted: invalid key `projects\.\/tmp\/x\.trust_level`: .*quote a segment/.test(e.message));
});
