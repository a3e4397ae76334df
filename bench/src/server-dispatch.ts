// Server dispatch: one SendMessage through the JSON-RPC dispatcher and the request handler, with
// an agent that goes working → artifact → completed, next to the same agent called directly.
import { type AgentCard, type Message, type StreamResponse } from '@baton/protocol';
import {
  type AgentExecutor,
  createInMemoryStore,
  createJsonRpcDispatcher,
  createRequestHandler,
  type RequestContext,
  silentLogger,
  type TaskEvents,
} from '@baton/server';

import { type BenchModule, type CaseResult } from './harness.js';
import { sendMessageRequestBody } from './payloads.js';

const card: AgentCard = {
  name: 'Bench agent',
  description: 'working → artifact → completed',
  supportedInterfaces: [
    { url: 'http://localhost/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ],
  version: '1.0.0',
  capabilities: {},
  defaultInputModes: ['text/plain', 'application/json'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'bench', name: 'Bench', description: 'Benchmarks', tags: ['bench'] }],
};

const executor: AgentExecutor = {
  async execute(context, events) {
    await events.working();
    await events.addArtifact({
      name: 'summary',
      parts: [{ text: `ok: ${context.message.messageId}` }],
    });
    await events.complete();
  },
};

/** The baseline: the agent's writes recorded in an array, with no handler, store or protocol. */
function directEvents(taskId: string, contextId: string): TaskEvents {
  const log: StreamResponse[] = [];
  const status = async (state: 'TASK_STATE_WORKING' | 'TASK_STATE_COMPLETED') => {
    log.push({ statusUpdate: { taskId, contextId, status: { state } } });
  };
  return {
    taskId,
    contextId,
    finished: false,
    reply: async () => {},
    setStatus: async () => {},
    addArtifact: async (artifact) => {
      log.push({
        artifactUpdate: { taskId, contextId, artifact: { artifactId: 'a', ...artifact } },
      });
      return 'a';
    },
    addMessage: async () => {},
    working: () => status('TASK_STATE_WORKING'),
    complete: () => status('TASK_STATE_COMPLETED'),
    fail: async () => {},
    reject: async () => {},
    requireInput: async () => {},
    requireAuth: async () => {},
  };
}

interface AsyncCase {
  id: string;
  name: string;
  baseline?: string;
  bytes?: number;
  fn: () => Promise<unknown>;
}

async function runFor(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  for (;;) {
    for (let i = 0; i < 20; i++) await fn();
    ops += 20;
    const elapsed = performance.now() - start;
    if (elapsed >= ms) return (ops / elapsed) * 1000;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Interleaved rounds of one awaited operation at a time; `between` runs outside the timing. */
async function runAsyncCases(
  cases: readonly AsyncCase[],
  between: () => Promise<void>,
  { warmupMs = 400, roundMs = 400, rounds = 7 } = {},
): Promise<CaseResult[]> {
  for (const c of cases) await runFor(c.fn, warmupMs);
  const samples = cases.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, c] of cases.entries()) {
      await between();
      samples[index]!.push(await runFor(c.fn, roundMs));
    }
  }
  const medians = new Map(cases.map((c, index) => [c.id, median(samples[index]!)]));
  return cases.map((c, index) => {
    const opsPerSec = medians.get(c.id)!;
    const base = c.baseline === undefined ? opsPerSec : medians.get(c.baseline)!;
    return {
      id: c.id,
      name: c.name,
      bytes: c.bytes,
      baseline: c.baseline,
      opsPerSec,
      samples: samples[index]!,
      ratio: opsPerSec / base,
    };
  });
}

async function run(): Promise<CaseResult[]> {
  const store = createInMemoryStore();
  const handler = createRequestHandler({ agentCard: card, executor, store, logger: silentLogger });
  const dispatcher = createJsonRpcDispatcher(handler, { logger: silentLogger });
  const text = sendMessageRequestBody();
  const body = JSON.parse(text) as { params: { message: Message } };
  const { message } = body.params;

  const viaDispatcher = async () => {
    const result = await dispatcher.dispatch(JSON.parse(text), { protocolVersion: '1.0' });
    if (result.kind !== 'response' || !('result' in result.body))
      throw new Error('SendMessage failed');
    return result.body;
  };
  const viaHandler = () => handler.sendMessage({ message: { ...message } });
  let n = 0;
  const direct = async () => {
    const id = `t${n++}`;
    const context = { taskId: id, contextId: 'c', message } as unknown as RequestContext;
    const events = directEvents(id, 'c');
    await executor.execute(context, events);
    return events;
  };
  const check = await viaDispatcher();
  const state = (check as { result: { task?: { status: { state: string } } } }).result.task?.status
    .state;
  if (state !== 'TASK_STATE_COMPLETED') throw new Error(`the bench agent ended in ${state}`);

  // Finished tasks are purged between rounds so the store stays small.
  const purge = async () =>
    void (await store.tasks.purge(new Date(Date.now() + 1000).toISOString()));
  const results = await runAsyncCases(
    [
      {
        id: 'a',
        name: 'SendMessage via createJsonRpcDispatcher (JSON.parse + validate + handler)',
        fn: viaDispatcher,
        baseline: 'c',
        bytes: text.length,
      },
      {
        id: 'b',
        name: 'SendMessage via handler.sendMessage (canonical params)',
        fn: viaHandler,
        baseline: 'c',
      },
      { id: 'c', name: 'the same agent called directly, events kept in an array', fn: direct },
    ],
    purge,
  );
  await handler.close();
  await store.close();
  return results;
}

/** In-process cost of a SendMessage through the dispatcher and the request handler. */
export const serverDispatch: BenchModule = {
  name: 'server-dispatch',
  title: 'Server dispatch (SendMessage, working → artifact → completed)',
  run,
};
