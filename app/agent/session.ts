// The Session: the one agent loop every front end drives. Ops go in through
// submit(); one ordered stream of events comes out through subscribe().
// Tasks run in the background; interrupt, approvals and injected input act on
// the running task. See reference §4.1 and §4.8. This module starts one (new
// or resumed); agent-session.ts holds its state and ops, session-task.ts runs
// its tasks.
import type { Config } from '../config/types.js';
import type { JsonSchema, StreamModel } from '../model/items.js';
import { userInstructions, userInstructionsMessage } from './agents-md.js';
import { AgentSession, environmentContext } from './agent-session.js';
import { initialMessages, lastEnvironmentContext, missingOutputs, userMessage } from './conversation.js';
import type { EventListener } from './event-bus.js';
import { uuidv7 } from './ids.js';
import type { EventMsg } from '../protocol/events.js';
import type { Op } from '../protocol/ops.js';
import { displayedMessages, newSessionMeta, readRollout, replayItems, RolloutRecorder } from './rollout.js';
import type { McpManager } from './tool-router.js';
import { initialTurnContext } from './turn-context.js';
import { recoverUnfinishedPatches } from '../tools/apply-patch/index.js';

export { RolloutError } from './rollout.js';

export interface SessionOptions {
  /** Continue a recorded session: its items are replayed so the model sees them. */
  resume?: { rolloutPath: string };
  /** `originator` header and rollout field; default `codex_cli_rs` (exec passes `codex_exec`). */
  originator?: string;
  /** JSON Schema the final answer must follow (`exec --output-schema`). */
  outputSchema?: JsonSchema;
  /** API key for OpenAI-auth providers, before auth.json (exec's CODEX_API_KEY). */
  apiKey?: string;
  /**
   * Append submitted prompts to history.jsonl (default true). exec and the MCP
   * server do not, as in the original: scripted runs would flood the TUI's ↑ history.
   */
  recordHistory?: boolean;
}

export interface Session {
  readonly id: string;
  readonly rolloutPath: string;
  submit(op: Op): string;
  subscribe(listener: EventListener): () => void;
}

function originatorFor(config: Config, opts: SessionOptions): string {
  return process.env.CODEX_INTERNAL_ORIGINATOR_OVERRIDE
    || config.toml.responses_originator_header_internal_override
    || opts.originator
    || 'codex_cli_rs';
}

export async function startSession(config: Config, opts: SessionOptions = {}): Promise<Session> {
  const originator = originatorFor(config, opts);
  const client = await import('../model/client.js');
  const { apiKey } = opts;
  const streamModel: StreamModel = apiKey ? (p, r, o) => client.streamModel(p, r, { ...o, apiKey }) : client.streamModel;
  let mcp: McpManager | undefined;
  // Problems found while starting wait for the session; later ones (a server that exits) go out at once.
  const mcpEvents: EventMsg[] = [];
  let deliver = (m: EventMsg): void => void mcpEvents.push(m);
  if (Object.values(config.mcpServers).some((s) => s.enabled !== false)) {
    const { McpConnectionManager } = await import('../mcp/client/manager.js');
    mcp = await McpConnectionManager.start(config.mcpServers, {
      cwd: config.cwd,
      onEvent: (e) => deliver(
        e.kind === 'startup_failed' ? { type: 'error', message: e.message }
          : e.kind === 'server_exited' ? { type: 'warning', message: e.message }
            : { type: 'background_event', message: e.message },
      ),
    });
  }
  const common = { config, originator, streamModel, mcp, outputSchema: opts.outputSchema, recordHistory: opts.recordHistory !== false };
  let s: AgentSession;
  if (opts.resume) {
    const { meta, lines } = readRollout(opts.resume.rolloutPath);
    const items = replayItems(lines);
    s = new AgentSession({ ...common, rec: RolloutRecorder.append(opts.resume.rolloutPath), id: meta.id, items });
    // Calls cut off by the kill get their "aborted" outputs now.
    s.record(missingOutputs(items));
    // Resumed with other settings (`exec resume -s …`, another cwd): the model learns the new ones.
    const env = environmentContext(initialTurnContext(config, ''));
    if (lastEnvironmentContext(items) !== env) s.record([userMessage(env)]);
    s.configured(displayedMessages(lines) ?? initialMessages(items));
  } else {
    const id = uuidv7();
    const instructions = userInstructions({
      codexHome: config.codexHome, cwd: config.cwd,
      maxBytes: config.projectDocMaxBytes, fallbackFilenames: config.projectDocFallbackFilenames,
    });
    const rec = RolloutRecorder.create(config.codexHome, newSessionMeta(config, id, originator, instructions));
    s = new AgentSession({ ...common, rec, id, items: [] });
    // The context every new session starts with (reference §4.2).
    s.record([
      ...(instructions ? [userMessage(userInstructionsMessage(instructions))] : []),
      userMessage(environmentContext(initialTurnContext(config, ''))),
    ]);
    s.configured();
  }
  // A patch the last run did not live to finish is finished or undone before this one does anything.
  for (const message of recoverUnfinishedPatches(config.codexHome)) s.emit('', { type: 'warning', message });
  for (const m of mcpEvents) s.emit('', m);
  deliver = (m) => s.emit('', m);
  return s;
}
