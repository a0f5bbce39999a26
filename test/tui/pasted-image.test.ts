import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { test } from 'node:test';
import { pastedImagePath } from '../../app/tui/pasted-image.js';

test('a paste names an image path: escaped, quoted, file://, ~ and relative ones; anything else is text', () => {
  assert.equal(pastedImagePath('/tmp/My\\ Shot.PNG', '/w'), '/tmp/My Shot.PNG');
  assert.equal(pastedImagePath(" '/tmp/My Shot.jpeg'\n", '/w'), '/tmp/My Shot.jpeg');
  assert.equal(pastedImagePath('"shots/a b.webp"', '/w'), '/w/shots/a b.webp');
  assert.equal(pastedImagePath('file:///tmp/a%20b.gif', '/w'), '/tmp/a b.gif');
  assert.equal(pastedImagePath('~/x.jpg', '/w'), `${homedir()}/x.jpg`);
  assert.equal(pastedImagePath('/tmp/a.png /tmp/b.png', '/w'), undefined, 'two paths');
  assert.equal(pastedImagePath('look at a.png', '/w'), undefined);
  assert.equal(pastedImagePath('/tmp/notes.txt', '/w'), undefined);
  assert.equal(pastedImagePath("'/tmp/open.png", '/w'), undefined);
  assert.equal(pastedImagePath('file://host/%zz.png', '/w'), undefined);
});
