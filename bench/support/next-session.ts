// One session's start of the `@` index in a process of its own, as the TUI
// runs it: the listing a previous session saved, loaded and swept (every
// directory stat'ed). bench/file-search bundles it and runs it fresh, to
// measure what a new process pays — the engine's compiler and GC threads
// included, which an in-process figure (code already optimised) leaves out.
// Usage (bundled): node next-session.mjs ROOT SNAPSHOT_DIR   (prints the process's CPU in ms, all threads)
import { FileIndex } from '../../app/files/index.js';

const [root, snapshotDir] = process.argv.slice(2) as [string, string];
const cpu0 = process.cpuUsage();
const index = new FileIndex(root, { snapshotDir });
await index.refresh();
const cpu = process.cpuUsage(cpu0);
if (index.size === 0) throw new Error(`next-session: nothing listed under ${root}`);
console.log(((cpu.user + cpu.system) / 1000).toFixed(1));
await index.close();
