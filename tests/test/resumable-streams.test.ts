import { BATON_URIS } from '@baton/protocol';
import { type AgentExecutor, type BatonStore, type TaskEventRecord } from '@baton/server';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { expectAcknowledged, readLog, streamable } from '../src/durable/log-checks.js';
import { recordStream } from '../src/durable/recorded-stream.js';
import { slowAgentCard } from '../src/durable/slow-agent.js';
import { describeOnEveryStore, openStore, type StoreLocation } from '../src/durable/stores.js';
import { type RunningAgent, startAgent } from '../src/harness.js';

/** Gates the test opens to let a task go on. */
const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
function gate(name: string): { promise: Promise<void>; open: () => void } {
  let entry = gates.get(name);
  if (!entry) {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    entry = { promise, open };
    gates.set(name, entry);
  }
  return entry;
}

/** `gated <key>`: working, chunk 0 | gate 1 | step 1, chunk 1 | gate 2 | chunk 2, completed. */
const gatedExecutor: AgentExecutor = {
  async execute(context, events) {
    const key = context.message.parts[0]?.text?.split(' ')[1] ?? '';
    await events.working();
    const artifactId = await events.addArtifact({ name: 'out', parts: [{ text: '0' }] });
    await gate(`${key}:1`).promise;
    await events.working('step 1');
    await events.addArtifact({ artifactId, parts: [{ text: '1' }] }, { append: true });
    await gate(`${key}:2`).promise;
    await events.addArtifact({ artifactId, parts: [{ text: '2' }] }, { append: true });
    await events.complete();
  },
};

async function logLength(store: BatonStore, taskId: string, length: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await store.events.read(taskId, 0)).length < length) {
    if (Date.now() > deadline) throw new Error(`task ${taskId} never reached ${length} events`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function resumableScenario(location: () => StoreLocation, cleanup: () => Promise<void>): void {
  let store: BatonStore;
  let agent: RunningAgent;
  beforeAll(async () => {
    store = await openStore(location());
    agent = await startAgent({
      card: slowAgentCard,
      executor: gatedExecutor,
      handler: { store, recovery: 'none' },
    });
  });
  afterAll(async () => {
    for (const entry of gates.values()) entry.open();
    await agent?.close();
    await store?.close();
    await cleanup();
  });

  it('replays exactly the missed events from the log after Last-Event-ID, then live ones', async () => {
    const key = crypto.randomUUID();
    const card = await (await fetch(`${agent.url}/.well-known/agent-card.json`)).json();
    expect(card.capabilities.extensions.map((e: { uri: string }) => e.uri)).toContain(
      BATON_URIS.resumableStreams,
    );
    // The first connection sees 3 events, then the client goes away.
    const disconnect = new AbortController();
    const message = { messageId: key, role: 'ROLE_USER', parts: [{ text: `gated ${key}` }] };
    const first = await recordStream(
      agent.url,
      'SendStreamingMessage',
      { message },
      {
        signal: disconnect.signal,
        onEvent: (_event, stream) => {
          if (stream.events.length === 3) disconnect.abort();
        },
      },
    );
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    const taskId = first.taskId!;
    // Meanwhile the task goes on: events 4 and 5 are only in the log.
    gate(`${key}:1`).open();
    await logLength(store, taskId, 5);
    const replayed: number[] = [];
    const second = recordStream(
      agent.url,
      'SubscribeToTask',
      { id: taskId },
      {
        lastEventId: 3,
        onEvent: ({ seq }) => {
          replayed.push(seq);
          // Once the missed events arrived, let the task finish: 6 and 7 come live.
          if (seq === 5) gate(`${key}:2`).open();
        },
      },
    );
    const resumed = await second;
    expect(resumed.broken).toBe(false);
    const log: TaskEventRecord[] = await readLog(store, taskId);
    expect(log).toHaveLength(7);
    const all = [...first.events, ...resumed.events];
    expect(all.map((e) => e.seq)).toEqual(streamable(log).map((r) => r.seq));
    expectAcknowledged(all, log);

    // After the end: the rest of the log, then the end; nothing when nothing was missed.
    const late = await recordStream(
      agent.url,
      'SubscribeToTask',
      { id: taskId },
      { lastEventId: 5 },
    );
    expect(late.events.map((e) => e.seq)).toEqual([6, 7]);
    const none = await recordStream(
      agent.url,
      'SubscribeToTask',
      { id: taskId },
      { lastEventId: 7 },
    );
    expect(none.events).toEqual([]);
    expect(none.error).toBeUndefined();
  });

  it('gives a client without the extension the snapshot first, then live events', async () => {
    const key = crypto.randomUUID();
    const message = { messageId: key, role: 'ROLE_USER', parts: [{ text: `gated ${key}` }] };
    const response = await fetch(`${agent.url}/a2a/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'SendMessage',
        params: { message, configuration: { returnImmediately: true } },
      }),
    });
    const { result } = (await response.json()) as { result: { task: { id: string } } };
    const task = { task: result.task };
    await logLength(store, task.task.id, 3);
    const plain = recordStream(
      agent.url,
      'SubscribeToTask',
      { id: task.task.id },
      {
        onEvent: ({ event }) => {
          if (event.task) gate(`${key}:1`).open();
          if (event.artifactUpdate?.artifact.parts[0]?.text === '1') gate(`${key}:2`).open();
        },
      },
    );
    const received = await plain;
    const log = await readLog(store, task.task.id);
    expect(received.events[0]!.event.task?.status.state).toBe('TASK_STATE_WORKING');
    expect(received.events[0]!.seq).toBe(3);
    expect(received.events.slice(1).map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expectAcknowledged(received.events, log);
  });
}

describeOnEveryStore('resumable streams', resumableScenario);
