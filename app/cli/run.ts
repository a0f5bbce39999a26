// Parses argv with the command table, answers --help, then lazily imports the
// handler. Loaded by the entry point for everything but a bare `--version`.
import { cliVersion } from '../config/version.js';
import { ROOT } from './commands.js';
import { HANDLERS } from './handlers.js';
import { renderHelp, usageErrorText } from './help.js';
import { parseArgv, UsageError, type ParseResult } from './parse.js';

async function dispatch(result: Extract<ParseResult, { kind: 'run' }>): Promise<number> {
  const [{ createContext, isTuiCommand }, { findCodexHome }, { loadDotEnv }, { setupLogging }] = await Promise.all([
    import('./invocation.js'), import('../config/home.js'), import('../config/dotenv.js'), import('./logging.js'),
  ]);
  const handler = result.chain[result.chain.length - 1]!.handler!;
  let codexHome: string | undefined;
  try {
    codexHome = findCodexHome();
  } catch {
    // An invalid CODEX_HOME is reported by the config loader when the handler needs it.
  }
  if (codexHome) loadDotEnv(codexHome);
  setupLogging(isTuiCommand(result.cmd) ? 'tui' : 'stderr', codexHome);
  const { main } = await HANDLERS[handler]();
  return main(createContext(result.cmd));
}

export async function run(argv: readonly string[]): Promise<number> {
  let result: ParseResult;
  try {
    result = parseArgv(argv, ROOT);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(usageErrorText(e.message, e.chain));
    return 2;
  }
  if (result.kind === 'version') {
    process.stdout.write(`codex-cli ${cliVersion()}\n`);
    return 0;
  }
  if (result.kind === 'help') {
    process.stdout.write(renderHelp(result.chain));
    return 0;
  }
  try {
    return await dispatch(result);
  } catch (e) {
    const err = e as Error;
    // ConfigError / AuthFileError messages are complete sentences for the user.
    if (err.name === 'ConfigError' || err.name === 'AuthFileError') process.stderr.write(`Error: ${err.message}\n`);
    else process.stderr.write(`codex: ${err.stack ?? String(e)}\n`);
    return 1;
  }
}

