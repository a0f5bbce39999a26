// Preloaded with `node --import` into the real CLI by test/tui/start-path.test.ts:
// appends to $CODEX_START_PATH_LOG, in order, `load URL` for every module the
// CLI loads (a module loader hook; the CLI waits for it, so the order holds),
// `segmenter` when an Intl.Segmenter is made, and `frame` when the first frame
// with the composer is written to stdout.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';

const log = process.env.CODEX_START_PATH_LOG;
if (log) {
  const hook = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, 'load ' + url + '\\n');
  return next(url, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
  const Segmenter = Intl.Segmenter;
  Intl.Segmenter = class extends Segmenter {
    constructor(...args) {
      super(...args);
      appendFileSync(log, 'segmenter\n');
    }
  };
  const write = process.stdout.write;
  let framed = false;
  process.stdout.write = function (chunk, ...rest) {
    if (!framed && String(chunk).includes('Ask Codex')) {
      framed = true;
      appendFileSync(log, 'frame\n');
    }
    return write.call(this, chunk, ...rest);
  };
}
