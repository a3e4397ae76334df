import { isTerminalState } from '@baton/protocol';
import { type BatonStore } from '@baton/server';
import { describePostgres, dropSchema, freshSchema } from '@baton-apps/test-support/postgres';
import { afterAll, expect, it } from 'vitest';

import {
  expectAcknowledged,
  expectConsistent,
  readLog,
  streamable,
  wire,
} from '../src/durable/log-checks.js';
import { type RecordedStream, recordStream } from '../src/durable/recorded-stream.js';
import { killServers, spawnServer } from '../src/durable/server-child.js';
import { openStore } from '../src/durable/stores.js';

const TASKS = 10;

async function cancel(url: string, id: string): Promise<{ result?: unknown; error?: unknown }> {
  const response = await fetch(`${url}/a2a/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'CancelTask', params: { id } }),
  });
  return (await response.json()) as { result?: unknown; error?: unknown };
}

describePostgres('two server processes on one PostgreSQL', () => {
  const schema = freshSchema();
  let store: BatonStore | undefined;
  afterAll(async () => {
    await killServers();
    await store?.close();
    await dropSchema(schema);
  });

  it('append to the same tasks: one log per task, streams on both see it all', async () => {
    const location = { kind: 'postgres', schema } as const;
    // Several instances share the store with the default recovery: instance leases keep each
    // from failing the other's running tasks (test/instance-leases.test.ts).
    const [a, b] = await Promise.all([spawnServer(location), spawnServer(location)]);
    const onA: Promise<RecordedStream>[] = [];
    const onB: Promise<RecordedStream>[] = [];
    const ids: string[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < TASKS; i++) {
        const message = {
          messageId: `m-${i}`,
          role: 'ROLE_USER',
          parts: [{ text: 'steps 25 40' }],
        };
        onA.push(
          recordStream(
            a.url,
            'SendStreamingMessage',
            { message },
            {
              onEvent: (_event, stream) => {
                if (stream.events.length !== 1) return;
                // Instance B follows the task that instance A runs.
                ids[i] = stream.taskId!;
                onB[i] = recordStream(b.url, 'SubscribeToTask', { id: stream.taskId });
                if (ids.filter(Boolean).length === TASKS) resolve();
              },
            },
          ),
        );
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Instance B cancels half of them while A's executors are still writing to them.
    const canceled = await Promise.all(ids.slice(0, TASKS / 2).map((id) => cancel(b.url, id)));
    const [streamsA, streamsB] = await Promise.all([Promise.all(onA), Promise.all(onB)]);

    store = await openStore(location);
    for (let i = 0; i < TASKS; i++) {
      const stored = await store.tasks.get({ tenant: '', owner: '' }, ids[i]!);
      const log = await readLog(store, ids[i]!);
      expectConsistent(stored!, log);
      const wanted =
        i < TASKS / 2 && canceled[i]!.result !== undefined
          ? 'TASK_STATE_CANCELED'
          : 'TASK_STATE_COMPLETED';
      expect(stored!.task.status.state).toBe(wanted);
      const streamA = streamsA[i]!;
      const streamB = streamsB[i]!;
      for (const stream of [streamA, streamB]) {
        expect(stream.broken).toBe(false);
        expectAcknowledged(stream.events, log);
        const last = stream.events.at(-1)!.event;
        expect(isTerminalState(last.statusUpdate!.status.state)).toBe(true);
        expect(wire(last)).toEqual(wire(log.at(-1)!.event));
      }
      // A saw the whole log; B the snapshot, then every event after it: no gap, no duplicate.
      expect(streamA.events.map((e) => e.seq)).toEqual(streamable(log).map((r) => r.seq));
      const [snapshot, ...after] = streamB.events;
      expect(snapshot!.event.task?.id).toBe(ids[i]);
      expect(after.map((e) => e.seq)).toEqual(
        streamable(log)
          .filter((r) => r.seq > snapshot!.seq)
          .map((r) => r.seq),
      );
    }
    expect(canceled.filter((answer) => answer.result !== undefined).length).toBeGreaterThan(0);
    await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);
  }, 90_000);
});
