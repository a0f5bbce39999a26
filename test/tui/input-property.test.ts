// Random terminal input through the real decoder: keys in every encoding,
// terminal replies, sequences cut short or broken, invalid UTF-8, over-long
// sequences and pauses (the shell's ESC flush), split across reads at random
// points. Two properties: replies never type anything (the decoded keys are
// exactly the keys sent, however the stream is split), and 100,000 such
// inputs (four seeds) driven into the app never throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { CellGrid } from '../../widgets/base/grid.js';
import { InputDecoder } from '../../app/tui/input/decoder.js';
import type { InputEvent } from '../../keymaps/input-event.js';
import { configured, makeApp } from './harness.js';
import { REPLIES } from './terminal-replies.js';
import { cutAt } from '../support/cut.js';

/** Complete key sequences and the key each decodes to. */
const KEYS: [string, string][] = [
  ['a', 'a'], ['Z', 'Z'], [' ', 'space'], ['/', '/'], ['@', '@'], ['你', '你'], ['👍', '👍'], ['\r', 'enter'], ['\t', 'tab'], ['\x7f', 'backspace'],
  ['\x01', 'ctrl+a'], ['\x03', 'ctrl+c'], ['\x17', 'ctrl+w'], ['\x1bb', 'alt+b'], ['\x1b\x7f', 'alt+backspace'],
  ['\x1b[A', 'up'], ['\x1b[B', 'down'], ['\x1bOC', 'right'], ['\x1b[1;5D', 'ctrl+left'], ['\x1b[H', 'home'], ['\x1b[4~', 'end'],
  ['\x1b[5~', 'pageup'], ['\x1b[6~', 'pagedown'], ['\x1b[3~', 'delete'], ['\x1b[Z', 'shift+tab'], ['\x1b[13;2u', 'shift+enter'],
  ['\x1b[27;5;106~', 'ctrl+j'], ['\x1b[99;5u', 'ctrl+c'], ['\x1b[116;5u', 'ctrl+t'], ['\x1b[27u', 'esc'], ['\x1bOq', '1'], ['\x1b[I', 'focus'],
];

const keyNames = (events: InputEvent[]): string[] => events.map((e) => (e.type === 'key' ? e.key : e.type));

test('replies between keys type nothing, however the stream is split', () => {
  const unit = fc.oneof(
    fc.constantFrom(...KEYS).map(([bytes, key]) => ({ bytes, key })),
    fc.constantFrom(...REPLIES).map((bytes) => ({ bytes, key: undefined })),
  );
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (units, cuts) => {
      const d = new InputDecoder();
      const stream = units.map((u) => u.bytes).join('');
      const got = cutAt(stream, cuts).flatMap((p) => d.feed(p));
      got.push(...d.flush());
      assert.deepEqual(keyNames(got), units.flatMap((u) => (u.key ? [u.key] : [])));
    }),
    { numRuns: 2000, seed: 20261126 },
  );
});

type Unit = { kind: 'bytes'; text: string } | { kind: 'pause' };

/** What a terminal may send, well formed or not; raw bytes go through UTF-8 decoding as the Tty's do. */
const anyUnit: fc.Arbitrary<Unit> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...KEYS).map(([bytes]): Unit => ({ kind: 'bytes', text: bytes })) },
  { weight: 6, arbitrary: fc.constantFrom(...REPLIES).map((text): Unit => ({ kind: 'bytes', text })) },
  {
    weight: 4, // cut short: a prefix of a key sequence or a reply
    arbitrary: fc.tuple(fc.constantFrom(...REPLIES, ...KEYS.map(([b]) => b).filter((b) => b.length > 1)), fc.nat())
      .map(([s, n]): Unit => ({ kind: 'bytes', text: s.slice(0, 1 + (n % (s.length - 1))) })),
  },
  {
    weight: 3, // random bytes, often invalid UTF-8, often with ESC and C1 controls in them
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes): Unit => ({ kind: 'bytes', text: new StringDecoder('utf8').write(Buffer.from(bytes)) })),
  },
  { weight: 3, arbitrary: fc.stringMatching(/^\x1b[[\]PO_^X]?[0-9;:<=>?$ ]{0,8}[\x00-\x7f]?$/).map((text): Unit => ({ kind: 'bytes', text })) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z \n你]{0,20}$/).map((t): Unit => ({ kind: 'bytes', text: `\x1b[200~${t}\x1b[201~` })) },
  { weight: 1, arbitrary: fc.constantFrom('\x1b', '\x1b[200~', `\x1b[${'9;'.repeat(300)}`, `\x1b]52;c;${'QUFB'.repeat(20_000)}`).map((text): Unit => ({ kind: 'bytes', text })) },
  { weight: 3, arbitrary: fc.constant<Unit>({ kind: 'pause' }) },
);

const SEEDS = [1, 2, 3, 4];
const PER_SEED = 25_000;

test(`${SEEDS.length * PER_SEED} random terminal inputs (keys, replies, broken sequences, invalid UTF-8) into the app: nothing throws`, async () => {
  for (const seed of SEEDS) {
    const units = fc.sample(fc.array(anyUnit, { minLength: PER_SEED, maxLength: PER_SEED }), { numRuns: 1, seed })[0]!;
    const cuts = fc.sample(fc.nat(), { numRuns: PER_SEED, seed });
    const h = await makeApp();
    try {
      h.session.emit(configured());
      const decoder = new InputDecoder();
      const grid = new CellGrid(80, 24);
      let read = '';
      const deliver = (events: InputEvent[]): void => {
        if (events.length) h.app.handleInput(events);
      };
      for (let i = 0; i < units.length; i++) {
        const u = units[i]!;
        if (u.kind === 'pause') {
          // Whatever has arrived is read, then the quiet period flushes what waits.
          for (const p of cutAt(read, [cuts[i]!])) deliver(decoder.feed(p));
          read = '';
          deliver(decoder.flush());
        } else read += u.text;
        if (i % 5 === 4) {
          for (const p of cutAt(read, [cuts[i]!])) deliver(decoder.feed(p));
          read = '';
        }
        if (i % 200 === 199) {
          h.clock.now += 1000;
          h.app.tick();
          grid.clear();
          h.app.render(grid);
        }
      }
    } finally {
      h.cleanup();
    }
  }
});
