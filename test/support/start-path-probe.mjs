// Preloaded with `node --import` into the real CLI by test/tui/start-path.test.ts:
// appends to $CODEX_START_PATH_LOG, in order, `segmenter` when an
// Intl.Segmenter is made, then `frame` when the first frame with the composer
// is written to stdout, followed by `bundle FILE` for each of the bundles that
// ran code by then, `init NAME` for each module of the bundles
// whose top-level code has run by then. In the CLI's bundles (dist/cli.js,
// dist/later.js, dist/zod.js, dist/deps.js) esbuild wraps each module's top-level code in an initialiser named
// after its path ("app/tui/main.ts", ".../node_modules/marked/lib/marked.esm.js");
// V8's precise coverage tells which of them were called. Then `builtin NAME`
// for each of Node's own modules loaded by then (process.moduleLoadList).
import fs, { appendFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const log = process.env.CODEX_START_PATH_LOG;
if (log) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  const Segmenter = Intl.Segmenter;
  Intl.Segmenter = class extends Segmenter {
    constructor(...args) {
      super(...args);
      appendFileSync(log, 'segmenter\n');
    }
  };
  let framed = false;
  // The frame goes out through the stdout stream or straight to descriptor 1 (app/tui/renderer/tty.ts).
  const sawFrame = (chunk) => {
    if (!framed && String(chunk).includes('Ask Codex')) {
      framed = true;
      // An in-process session answers at once, before the frame goes out.
      session.post('Profiler.takePreciseCoverage', (err, coverage) => {
        const bundles = err ? [] : coverage.result.filter((script) => /\/(cli|later|zod|deps)\.js$/.test(script.url));
        const ran = bundles.filter((script) => script.functions.some((fn) => fn.ranges[0].count > 0)).map((script) => `bundle ${script.url.split('/').pop()}\n`);
        const inits = bundles
          .flatMap((script) => script.functions)
          .filter((fn) => /\.[cm]?[jt]s$/.test(fn.functionName) && fn.ranges[0].count > 0)
          .map((fn) => `init ${fn.functionName}\n`);
        const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => `builtin ${m.slice('NativeModule '.length)}\n`);
        appendFileSync(log, `frame\n${err ? `coverage failed: ${err.message}\n` : ''}${ran.join('')}${inits.join('')}${builtins.join('')}`);
      });
    }
  };
  const write = process.stdout.write;
  process.stdout.write = function (chunk, ...rest) {
    sawFrame(chunk);
    return write.call(this, chunk, ...rest);
  };
  const writeSync = fs.writeSync;
  fs.writeSync = function (fd, chunk, ...rest) {
    if (fd === 1) sawFrame(chunk);
    return writeSync.call(this, fd, chunk, ...rest);
  };
}
