// Child for test/process/exit-hooks.test.ts: registers an exit hook that prints, optionally
// its own SIGTERM handler, says "ready", then waits to be signalled.
import { onProcessExit } from '../../app/exit-hooks.js';

onProcessExit(() => process.stdout.write('hook ran\n'));
if (process.argv.includes('--own-handler')) process.on('SIGTERM', () => { process.stdout.write('own handler\n'); process.exit(7); });
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
