// Child for crash.test.ts: the real Tty on a pty, logging to the file given,
// guarded by guardExit as the TUI is. The input handler fails on "!" (a bug
// in the input path, as the decoder's RangeError was); "ready" says it listens.
import { configureLogging } from '../../app/log.js';
import { guardExit, Tty } from '../../app/tui/renderer/tty.js';

configureLogging({ file: process.argv[2]! }, 'info');
const tty = new Tty();
// A closed terminal ends it at once (the TUI shuts its session down first).
const hangup = (): never => process.exit(129);
guardExit(() => tty.restore(), hangup);
tty.start({
  onInput: (events) => {
    if (events.some((e) => e.type === 'key' && e.key === '!')) throw new RangeError('input handler failed');
  },
  onResize: () => undefined,
  onLost: hangup,
});
tty.write('ready');
