// Shared helpers of the exec end-to-end tests.
import { createWorkspace, type Workspace, type WorkspaceOptions } from '../support/cli.js';
import { startMockModelServer, type MockModelServer, type MockTurn } from '../support/mock-model-server.js';
import type { ResponseItem } from '../../app/model/items.js';

export async function withMock<T>(
  turns: MockTurn[],
  fn: (m: MockModelServer) => Promise<T>,
  opts: Parameters<typeof startMockModelServer>[1] = {},
): Promise<T> {
  const mock = await startMockModelServer(turns, opts);
  try {
    return await fn(mock);
  } finally {
    await mock.close();
  }
}

type Body = (mock: MockModelServer, ws: Workspace) => Promise<void>;

/** A mock model with `turns` and a workspace pointed at it, both cleaned up afterwards. */
export function scenario(turns: MockTurn[], body: Body): Promise<void>;
export function scenario(turns: MockTurn[], opts: WorkspaceOptions & { onRequest?: () => void }, body: Body): Promise<void>;
export function scenario(turns: MockTurn[], a: Body | (WorkspaceOptions & { onRequest?: () => void }), b?: Body): Promise<void> {
  const [opts, body] = typeof a === 'function' ? [{}, a] : [a, b!];
  return withMock(turns, async (mock) => {
    const ws = createWorkspace(mock.url, opts);
    try {
      await body(mock, ws);
    } finally {
      ws.cleanup();
    }
  }, opts.onRequest ? { onRequest: opts.onRequest } : {});
}

/** The output the client sent back for a tool call. */
export function outputOf(input: ResponseItem[] | undefined, callId: string): string | undefined {
  const it = input?.find((i) => (i.type === 'function_call_output' || i.type === 'custom_tool_call_output') && i.call_id === callId);
  return it && 'output' in it ? it.output : undefined;
}

export function messageTexts(input: ResponseItem[] | undefined): string[] {
  return (input ?? []).flatMap((i) => (i.type === 'message' ? [`${i.role}: ${i.content.map((c) => ('text' in c ? c.text : '')).join('')}`] : []));
}

export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}
