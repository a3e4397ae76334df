import { InvalidParamsError, type StreamResponse, type Task } from '@baton/protocol';
import { describe, expect, it } from 'vitest';

import { createInMemoryStore } from './create-in-memory-store.js';
import { decodePageToken, encodePageToken, isObject } from './page-token.js';

const scope = { tenant: '' };
const owner = { tenant: '', owner: '' };
const task = (id: string, status: Task['status']): Task => ({ id, contextId: 'c', status });

describe('InMemoryTaskStore', () => {
  it('orders by the status instant, whatever the offset notation', async () => {
    const store = createInMemoryStore();
    await store.events.create(
      owner,
      task('utc', { state: 'TASK_STATE_WORKING', timestamp: '2030-01-01T10:00:00Z' }),
    );
    // 11:30+02:00 is 09:30Z: earlier, although it sorts later as a string.
    await store.events.create(
      owner,
      task('cest', { state: 'TASK_STATE_WORKING', timestamp: '2030-01-01T11:30:00+02:00' }),
    );
    const page = await store.tasks.list(scope, { pageSize: 10 });
    expect(page.tasks.map((s) => s.task.id)).toEqual(['utc', 'cest']);
  });

  it('uses the time of the last change when the status has no timestamp', async () => {
    let now = Date.UTC(2040, 0, 1);
    const store = createInMemoryStore({ now: () => new Date(now) });
    await store.events.create(
      owner,
      task('stamped', { state: 'TASK_STATE_WORKING', timestamp: '2035-01-01T00:00:00.000Z' }),
    );
    await store.events.create(owner, task('bare', { state: 'TASK_STATE_WORKING' }));
    now = Date.UTC(2030, 0, 1);
    await store.events.create(owner, task('older', { state: 'TASK_STATE_WORKING' }));
    const page = await store.tasks.list(scope, {
      pageSize: 10,
      statusTimestampAfter: '2031-01-01T00:00:00Z',
    });
    expect(page.tasks.map((s) => s.task.id)).toEqual(['bare', 'stamped']);
  });

  it('rejects a bad pageSize, statusTimestampAfter or purge cutoff with InvalidParamsError', async () => {
    const { tasks } = createInMemoryStore();
    for (const pageSize of [0, -1, 1.5, Number.NaN]) {
      await expect(tasks.list(scope, { pageSize })).rejects.toSatisfy(
        InvalidParamsError.isInstance,
      );
    }
    await expect(
      tasks.list(scope, { pageSize: 1, statusTimestampAfter: 'yesterday' }),
    ).rejects.toSatisfy(InvalidParamsError.isInstance);
    await expect(tasks.purge('soon')).rejects.toSatisfy(InvalidParamsError.isInstance);
  });

  it('purges conversations left without a task once their newest message expires', async () => {
    let now = Date.UTC(2030, 0, 1);
    const store = createInMemoryStore({ now: () => new Date(now) });
    const say = (contextId: string, id: string) =>
      store.messages.append(owner, contextId, { messageId: id, role: 'ROLE_USER', parts: [] });
    await say('direct', 'a');
    await say('c', 'b');
    await store.events.create(owner, task('done', { state: 'TASK_STATE_COMPLETED' }));
    await store.events.create(owner, {
      ...task('live', { state: 'TASK_STATE_WORKING' }),
      contextId: 'kept',
    });
    await say('kept', 'c');
    now += 30_000;
    await say('fresh', 'd');
    // The cutoff is now (maxAge 0), but under a minute is never old enough.
    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(1);
    const ids = async (contextId: string) =>
      (await store.messages.list(scope, contextId)).map((m) => m.message.messageId);
    expect([await ids('direct'), await ids('c'), await ids('fresh')]).toEqual([
      ['a'],
      ['b'],
      ['d'],
    ]);
    now += 61_000;
    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(0);
    expect([await ids('direct'), await ids('c'), await ids('fresh')]).toEqual([[], [], []]);
    expect(await ids('kept')).toEqual(['c']);
    expect((await say('direct', 'e')).position).toBe(1);
  });

  it('reads, lists, searches, copies and purges a finished task with its log and messages', async () => {
    let now = Date.UTC(2030, 0, 1);
    const store = createInMemoryStore({ now: () => new Date(now) });
    const reduce = (current: { task: Task }, event: StreamResponse): Task => ({
      ...current.task,
      status: event.statusUpdate?.status ?? current.task.status,
      artifacts: event.artifactUpdate
        ? [...(current.task.artifacts ?? []), event.artifactUpdate.artifact]
        : current.task.artifacts,
    });
    const ask = { messageId: 'q', role: 'ROLE_USER' as const, parts: [{ text: 'question' }] };
    await store.messages.append(owner, 'c', { ...ask, taskId: 'done' });
    await store.events.create(owner, {
      ...task('done', { state: 'TASK_STATE_SUBMITTED' }),
      history: [ask],
    });
    const artifact = { artifactId: 'a', parts: [{ text: 'The Needle' }] };
    await store.events.append(
      'done',
      { artifactUpdate: { taskId: 'done', contextId: 'c', artifact } },
      reduce,
    );
    const completed = { state: 'TASK_STATE_COMPLETED' as const, timestamp: '2030-01-01T00:00:00Z' };
    await store.events.append(
      'done',
      { statusUpdate: { taskId: 'done', contextId: 'c', status: completed } },
      reduce,
    );
    const got = await store.tasks.get(scope, 'done');
    expect(got).toMatchObject({
      seq: 3,
      task: { status: completed, artifacts: [artifact], history: [ask] },
    });
    got!.task.artifacts![0]!.parts[0] = { text: 'scribbled' };
    const search = await store.tasks.list(scope, {
      pageSize: 5,
      text: 'needle',
      state: 'TASK_STATE_COMPLETED',
    });
    expect(search.tasks).toHaveLength(1);
    expect(search.tasks[0]?.task.artifacts).toEqual([artifact]);
    expect(await store.tasks.listUnfinished(5)).toEqual([]);
    now += 120_000;
    expect(await store.tasks.purge(new Date(now).toISOString())).toBe(1);
    expect(await store.tasks.get(scope, 'done')).toBeUndefined();
    expect(await store.events.read('done', 0)).toEqual([]);
    expect(await store.messages.list(scope, 'c')).toEqual([]);
  });

  it('lists unfinished tasks oldest first', async () => {
    let now = Date.UTC(2030, 0, 1);
    const store = createInMemoryStore({ now: () => new Date(now++) });
    for (const id of ['b', 'a', 'c'])
      await store.events.create(owner, task(id, { state: 'TASK_STATE_WORKING' }));
    expect((await store.tasks.listUnfinished(2)).map((s) => s.task.id)).toEqual(['b', 'a']);
    expect(await store.tasks.listUnfinished(0)).toEqual([]);
  });
});

describe('page tokens', () => {
  const isCursor = (value: unknown): value is { id: string } =>
    isObject(value) && typeof value.id === 'string';

  it('round-trips any text as base64url', () => {
    const value = { id: 'tâche/ünïcode+?😀' };
    const token = encodePageToken(value);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, isCursor)).toEqual(value);
  });

  it('throws InvalidParamsError for anything else', () => {
    for (const token of ['', 'a', '%%%', encodePageToken({ other: 1 }), btoa('\u00ff\u00fe')]) {
      expect(() => decodePageToken(token, isCursor)).toThrow(
        expect.objectContaining({ code: new InvalidParamsError().code }),
      );
    }
  });
});
