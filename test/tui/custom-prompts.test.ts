// Custom prompts: expansion as the native CLI 0.169 does it (prompt_args.rs),
// the front matter, and the folder read again only where it changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandPrompt, hasPositionalPlaceholders, namedPlaceholders } from '../../app/tui/prompts/expand.js';
import { parseFrontMatter, PromptLibrary } from '../../app/tui/prompts/library.js';

const CMD = '/prompts:p';

test('positional: $1…$9 take the words, $ARGUMENTS all of them; missing ones are empty', () => {
  assert.deepEqual(expandPrompt('Fix $1 so that `$2` passes.', 'foo.ts npm-test', CMD), { ok: true, text: 'Fix foo.ts so that `npm-test` passes.' });
  assert.deepEqual(expandPrompt('all: $ARGUMENTS; third: [$3]', '"a b" c', CMD), { ok: true, text: 'all: a b c; third: []' });
  assert.deepEqual(expandPrompt('none: [$ARGUMENTS]', '', CMD), { ok: true, text: 'none: []' });
  // $$ stays as it is and keeps what follows from expanding; a lone $ is literal.
  assert.deepEqual(expandPrompt('cost $$1, $ 5, $x, $1', 'one', CMD), { ok: true, text: 'cost $$1, $ 5, $x, one' });
  // A prompt without placeholders ignores what was typed after it.
  assert.deepEqual(expandPrompt('just this', 'extra words', CMD), { ok: true, text: 'just this' });
});

test('named: every $NAME is required as NAME=value (quoted values allowed); $$NAME stays literal', () => {
  const content = 'Review $FILE with $TEST_CMD; keep $$HOME and $ARGUMENTS';
  assert.deepEqual(namedPlaceholders(content), ['FILE', 'TEST_CMD']);
  assert.deepEqual(expandPrompt(content, 'TEST_CMD="npm test" FILE=a.ts', CMD), { ok: true, text: 'Review a.ts with npm test; keep $$HOME and $ARGUMENTS' });
  assert.deepEqual(expandPrompt(content, 'FILE=a.ts', CMD), {
    ok: false, error: 'Missing required args for /prompts:p: TEST_CMD. Provide as key=value (quote values with spaces).',
  });
  assert.deepEqual(expandPrompt(content, 'FILE=a.ts stray', CMD), {
    ok: false, error: "Could not parse /prompts:p: expected key=value but found 'stray'. Wrap values in double quotes if they contain spaces.",
  });
  assert.deepEqual(expandPrompt(content, '=x', CMD), { ok: false, error: "Could not parse /prompts:p: expected a name before '=' in '=x'." });
  assert.deepEqual(expandPrompt(content, 'FILE="a.ts', CMD), { ok: false, error: 'Could not parse /prompts:p: unterminated " quote at column 6.' });
  assert.equal(hasPositionalPlaceholders('x $2'), true);
  assert.equal(hasPositionalPlaceholders('x $ARGUMENTS'), true);
  assert.equal(hasPositionalPlaceholders('x $0 $FILE'), false);
});

test('front matter: description and argument-hint (either spelling), quotes stripped; unterminated means none', () => {
  assert.deepEqual(parseFrontMatter('---\nname: x\n# note\ndescription: "Quick review"\nargument_hint: [file] [priority]\n---\nBody $1\n'), {
    content: 'Body $1\n', description: 'Quick review', argumentHint: '[file] [priority]',
  });
  assert.deepEqual(parseFrontMatter("---\r\nargument-hint: 'F=…'\r\n---\r\nB"), { content: 'B', argumentHint: 'F=…' });
  assert.deepEqual(parseFrontMatter('---\ndescription: x\nno end'), { content: '---\ndescription: x\nno end' });
  assert.deepEqual(parseFrontMatter('plain'), { content: 'plain' });
});

test('the library lists *.md prompts by name, skips non-UTF-8 and non-files, and sees additions and edits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codex-prompts-'));
  try {
    const lib = new PromptLibrary(join(dir, 'prompts'));
    assert.deepEqual(lib.refresh(), [], 'no folder: no prompts');
    const prompts = join(dir, 'prompts');
    writeFileSync(join(dir, 'target.md'), 'linked');
    mkdirSync(prompts);
    writeFileSync(join(prompts, 'b.md'), 'bee');
    writeFileSync(join(prompts, 'a.MD'), '---\ndescription: first\n---\nay');
    writeFileSync(join(prompts, 'bad.md'), Buffer.from([0xff, 0xfe, 0x0a]));
    writeFileSync(join(prompts, 'notes.txt'), 'not a prompt');
    writeFileSync(join(prompts, 'two words.md'), 'cannot be typed');
    symlinkSync(join(dir, 'target.md'), join(prompts, 'link.md'));
    mkdirSync(join(prompts, 'dir.md'));
    const names = () => lib.refresh().map((p) => `${p.name}:${p.content}`);
    assert.deepEqual(names(), ['a:ay', 'b:bee', 'link:linked']);
    assert.equal(lib.prompts[0]!.description, 'first');
    // An edit in place (the folder's mtime does not change) is seen through the file's own stamp.
    writeFileSync(join(prompts, 'b.md'), 'bee, edited');
    utimesSync(join(prompts, 'b.md'), new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(names(), ['a:ay', 'b:bee, edited', 'link:linked']);
    writeFileSync(join(prompts, 'c.md'), 'sea');
    rmSync(join(prompts, 'a.MD'));
    assert.deepEqual(names(), ['b:bee, edited', 'c:sea', 'link:linked']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
