// Child for test/process/exit-hooks.test.ts: registers an exit hook that prints, optionally
// its own SIGTERM handler, says "ready", then waits to be signalled. With --late-hook it
// registers the hook only after the test has signalled it (it blocks on stdin until then),
// as a spawner does right after spawning a child that may already be visible.
import { readSync } from 'node:fs';
import { onProcessExit } from '../../app/exit-hooks.js';

const hook = (): void => void process.stdout.write('hook ran\n');
const late = process.argv.includes('--late-hook');
if (!late) onProcessExit(hook);
if (process.argv.includes('--own-handler')) process.on('SIGTERM', () => { process.stdout.write('own handler\n'); process.exit(7); });
process.stdout.write('ready\n');
if (late) {
  readSync(0, Buffer.alloc(16));
  onProcessExit(hook);
}
setInterval(() => undefined, 60_000);
