// Runs the proxy tests' mock provider as its own process (so it does not share
// an event loop with the load generator) and prints its base URL.
import { startMockUpstream } from '../../test/proxy/mock-upstream.js';

const upstream = await startMockUpstream({ record: false });
process.stdout.write(`${upstream.url}\n`);
process.on('SIGTERM', () => void upstream.close().then(() => process.exit(0)));
