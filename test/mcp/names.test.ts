import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { isValidServerName, qualifiedToolName, sanitizeNamePart } from '../../app/mcp/client/names.js';

test('server names must match ^[a-zA-Z0-9_-]+$', () => {
  for (const ok of ['docs', 'my-server_2', 'A']) assert.equal(isValidServerName(ok), true, ok);
  for (const bad of ['', 'my server', 'a.b', 'ü', 'x/y']) assert.equal(isValidServerName(bad), false, bad);
});

test('qualified names are server__tool with characters outside [A-Za-z0-9_-] replaced', () => {
  assert.equal(qualifiedToolName('docs', 'search'), 'docs__search');
  assert.equal(qualifiedToolName('server.one', 'tool.two'), 'server_one__tool_two');
  assert.equal(sanitizeNamePart('a b/c:d-e_f'), 'a_b_c_d-e_f');
});

test('names up to 64 chars are kept; longer ones become 24 chars + SHA-1 of the full name', () => {
  const server = 'my_server';
  const exact = 't'.repeat(64 - 'my_server__'.length);
  assert.equal(qualifiedToolName(server, exact), `my_server__${exact}`);
  const tool = 'extremely_lengthy_function_name_that_absolutely_surpasses_all_reasonable_limits';
  const full = `${server}__${tool}`;
  const short = qualifiedToolName(server, tool);
  assert.equal(short.length, 64);
  assert.equal(short, `my_server__extremely_len${createHash('sha1').update(full).digest('hex')}`);
  assert.match(short, /^[A-Za-z0-9_-]{64}$/);
  assert.notEqual(qualifiedToolName(server, `${tool}_2`), short, 'different tools keep different names');
});
