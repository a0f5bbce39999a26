// What the CLI bundle (dist/cli.js) gives its launcher (app/cli/launch/).
export { run } from './run.js';
export { onFirstFrame, onSessionStarted, setBuildId } from '../start-hooks.js';
