import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isTerminalState } from '@baton/protocol';
import { type BatonStore, RECOVERY_MESSAGE } from '@baton/server';
import { describePostgres, dropSchema, freshSchema } from '@baton-apps/test-support/postgres';
import { afterAll, describe, expect, it } from 'vitest';

import {
  expectAcknowledged,
  expectConsistent,
  listAllTasks,
  readLog,
  streamable,
  wire,
} from '../src/durable/log-checks.js';
import { type RecordedStream, recordStream } from '../src/durable/recorded-stream.js';
import { killServers, spawnServer } from '../src/durable/server-child.js';
import { openStore, type StoreLocation } from '../src/durable/stores.js';

const TASKS = 24;

afterAll(killServers);

function finished(stream: RecordedStream): boolean {
  const state = stream.events.at(-1)?.event.statusUpdate?.status.state;
  return state !== undefined && isTerminalState(state);
}

/**
 * Starts a server process on the store, runs TASKS streaming tasks of different lengths, kills
 * the process with SIGKILL once some tasks finished and the others are mid-way, restarts it on
 * the same store and checks every acknowledged event and every task.
 */
function crashScenario(location: () => StoreLocation, cleanup: () => Promise<void>): void {
  let store: BatonStore | undefined;
  afterAll(async () => {
    await killServers();
    await store?.close();
    await cleanup();
  });

  it('keeps every acknowledged event and recovers every task after SIGKILL', async () => {
    const first = await spawnServer(location());
    const streams: Promise<RecordedStream>[] = [];
    const live: RecordedStream[] = [];
    let killed = false;
    const killWhenReady = new Promise<void>((resolve) => {
      const check = () => {
        const started = live.filter((s) => s.events.length > 0).length;
        const done = live.filter(finished).length;
        if (!killed && started === TASKS && done >= 4 && done <= TASKS - 4) resolve();
      };
      for (let i = 0; i < TASKS; i++) {
        // 2 to 26 steps, 40 ms apart: the short ones end before the kill, the long ones cannot.
        const text = `steps ${2 + (i % 4) * 8} 40`;
        const message = { messageId: `m-${i}`, role: 'ROLE_USER', parts: [{ text }] };
        streams.push(
          recordStream(
            first.url,
            'SendStreamingMessage',
            { message },
            {
              onEvent: (_event, stream) => {
                if (!live.includes(stream)) live.push(stream);
                check();
              },
            },
          ),
        );
      }
      setTimeout(resolve, 10_000);
    });
    await killWhenReady;
    killed = true;
    await first.stop('SIGKILL');
    const recorded = await Promise.all(streams);
    const unfinished = recorded.filter((s) => !finished(s));
    expect(recorded.every((s) => s.taskId !== undefined)).toBe(true);
    expect(unfinished.length).toBeGreaterThanOrEqual(4);
    expect(unfinished.every((s) => s.broken || s.error !== undefined)).toBe(true);

    const second = await spawnServer(location());
    // Recovery failed tasks whose stream had not seen them end (one may have completed in the
    // store just before the kill, its last event never delivered).
    const unfinishedIds = unfinished.map((s) => s.taskId!);
    expect(second.recovery.failed.length).toBeGreaterThanOrEqual(1);
    expect(unfinishedIds).toEqual(expect.arrayContaining(second.recovery.failed));
    // A reader of its own: not the server's instance id, which only the server may hold.
    const where = location();
    store = await openStore(
      where.kind === 'postgres' ? { ...where, instanceId: undefined } : where,
    );
    const tasks = await listAllTasks(store);
    expect(tasks).toHaveLength(TASKS);
    for (const stored of tasks) {
      const log = await readLog(store, stored.task.id);
      expectConsistent(stored, log);
      expect(isTerminalState(stored.task.status.state)).toBe(true);
      const stream = recorded.find((s) => s.taskId === stored.task.id)!;
      expectAcknowledged(stream.events, log);
      if (finished(stream)) {
        expect(stored.task.status.state).toBe('TASK_STATE_COMPLETED');
      } else {
        if (second.recovery.failed.includes(stored.task.id)) {
          expect(stored.task.status.state).toBe('TASK_STATE_FAILED');
          expect(stored.task.status.message?.parts[0]?.text).toBe(RECOVERY_MESSAGE);
        } else {
          expect(stored.task.status.state).toBe('TASK_STATE_COMPLETED');
        }
        // A client that reconnects gets exactly what it missed, the failure included, then the end.
        const last = stream.events.at(-1)!.seq;
        const resumed = await recordStream(
          second.url,
          'SubscribeToTask',
          { id: stored.task.id },
          { lastEventId: last },
        );
        expect(resumed.broken).toBe(false);
        expect(resumed.events.map((e) => e.seq)).toEqual(
          streamable(log)
            .filter((r) => r.seq > last)
            .map((r) => r.seq),
        );
        expectAcknowledged(resumed.events, log);
        expect(wire(resumed.events.at(-1)!.event)).toEqual(wire(log.at(-1)!.event));
      }
    }
    // A second restart finds nothing left to recover.
    await second.stop('SIGTERM');
    const third = await spawnServer(location());
    expect(third.recovery.failed).toEqual([]);
    await third.stop('SIGTERM');
  }, 90_000);
}

describe('crash safety on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
  crashScenario(
    () => ({ kind: 'sqlite', path: join(dir, 'baton.sqlite') }),
    async () => rmSync(dir, { recursive: true, force: true }),
  );
});

describePostgres('crash safety on PostgreSQL', () => {
  const schema = freshSchema();
  // The server restarts in place under the same instance id: its own unfinished tasks are
  // recovered at start-up, without waiting for the killed process's lease to expire.
  crashScenario(
    () => ({ kind: 'postgres', schema, instanceId: 'crash-test-server' }),
    () => dropSchema(schema),
  );
});
