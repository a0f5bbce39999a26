import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus } from '../../app/agent/event-bus.js';

test('events before the first subscriber are buffered and delivered to it, in order', () => {
  const bus = new EventBus();
  bus.emit({ id: '', msg: { type: 'background_event', message: 'a' } });
  bus.emit({ id: '', msg: { type: 'background_event', message: 'b' } });
  const seen: string[] = [];
  const off = bus.subscribe((e) => seen.push(e.msg.type === 'background_event' ? e.msg.message : ''));
  const late: string[] = [];
  bus.subscribe((e) => late.push(e.msg.type === 'background_event' ? e.msg.message : ''));
  bus.emit({ id: '', msg: { type: 'background_event', message: 'c' } });
  off();
  bus.emit({ id: '', msg: { type: 'background_event', message: 'd' } });
  assert.deepEqual(seen, ['a', 'b', 'c']);
  assert.deepEqual(late, ['c', 'd']);
});

test('a listener that throws does not reach the emitter or the other listeners', () => {
  const bus = new EventBus();
  const seen: string[] = [];
  bus.subscribe(() => {
    throw new RangeError('Maximum call stack size exceeded');
  });
  bus.subscribe((e) => seen.push(e.msg.type));
  assert.doesNotThrow(() => bus.emit({ id: '', msg: { type: 'turn_diff', unified_diff: 'x' } }));
  assert.deepEqual(seen, ['turn_diff']);
});
