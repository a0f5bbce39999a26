// What the CLI bundle (dist/cli.js) gives its launcher (app/cli/launch/).
export { run } from './run.js';
export { onFirstFrame } from '../start-hooks.js';
