import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeSchema } from '../../app/mcp/client/schema.js';

test('missing types are inferred; string is the default', () => {
  assert.deepEqual(sanitizeSchema({ properties: { a: {} } }), { type: 'object', properties: { a: { type: 'string' } } });
  assert.deepEqual(sanitizeSchema({ items: { type: 'number' } }), { type: 'array', items: { type: 'number' } });
  assert.deepEqual(sanitizeSchema({ enum: ['x', 'y'] }), { type: 'string', enum: ['x', 'y'] });
  assert.deepEqual(sanitizeSchema({ format: 'uri', description: 'd' }), { type: 'string', description: 'd' });
  assert.deepEqual(sanitizeSchema({ minimum: 0 }), { type: 'number' });
  assert.deepEqual(sanitizeSchema({}), { type: 'string' });
  assert.deepEqual(sanitizeSchema(true), { type: 'string' });
  assert.deepEqual(sanitizeSchema(undefined), { type: 'string' });
});

test('objects get properties, arrays get items, integer becomes number', () => {
  assert.deepEqual(sanitizeSchema({ type: 'object' }), { type: 'object', properties: {} });
  assert.deepEqual(sanitizeSchema({ type: 'array' }), { type: 'array', items: { type: 'string' } });
  assert.deepEqual(sanitizeSchema({ type: 'integer', minimum: 1 }), { type: 'number' });
  assert.deepEqual(sanitizeSchema({ type: ['null', 'integer'] }), { type: 'number' });
});

test('nested schemas are sanitised; unsupported keywords dropped; required kept for known properties', () => {
  const input = {
    type: 'object',
    $schema: 'http://json-schema.org/draft-07/schema#',
    properties: {
      path: { type: 'string', description: 'file', pattern: '^/' },
      count: { type: 'integer' },
      tags: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
      opts: { properties: { deep: { type: 'object' } }, additionalProperties: false },
      mixed: { enum: ['a', 1] },
    },
    required: ['path', 'ghost'],
    additionalProperties: { type: 'integer' },
  };
  assert.deepEqual(sanitizeSchema(input), {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'file' },
      count: { type: 'number' },
      tags: { type: 'array', items: { type: 'string' } },
      opts: { type: 'object', properties: { deep: { type: 'object', properties: {} } }, additionalProperties: false },
      mixed: { type: 'string' },
    },
    required: ['path'],
    additionalProperties: { type: 'number' },
  });
});
