// A2A.md §10 "Streaming" (STREAM-*) and §6: stream patterns, ordering, fan-out, SubscribeToTask,
// and 0.3's `final` flag — on the handler and through JSON-RPC in both dialects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type DefaultRequestHandler } from '../../src/index.js';
import { collect, handlerWith, kindOf, scenarioExecutor, until, userMessage } from '../helpers.js';
import {
  allTargets,
  type ClientStreamItem,
  errorOf,
  type Target,
  TARGET_NAMES,
} from '../targets.js';

const kinds = (items: ClientStreamItem[]) => items.map((item) => kindOf(item.event));

describe.each(TARGET_NAMES)('streaming MUSTs via %s', (name) => {
  let handler: DefaultRequestHandler;
  let target: Target;
  let executor: ReturnType<typeof scenarioExecutor>;

  beforeEach(() => {
    executor = scenarioExecutor();
    handler = handlerWith(executor);
    target = allTargets(handler).find((t) => t.name === name)!;
  });
  afterEach(() => handler.close({ graceMs: 50 }));

  it('a direct reply is exactly one message, then the stream closes', async () => {
    const items = await collect(
      await target.stream('SendStreamingMessage', { message: userMessage('reply') }),
    );
    expect(kinds(items)).toEqual(['message']);
  });

  it('a task stream starts with the task, then updates in order, and closes at the terminal state', async () => {
    const items = await collect(
      await target.stream('SendStreamingMessage', { message: userMessage('go') }),
    );
    expect(kinds(items)).toEqual([
      'task:TASK_STATE_SUBMITTED',
      'status:TASK_STATE_WORKING',
      'artifact',
      'status:TASK_STATE_COMPLETED',
    ]);
    const seqs = items.map((item) => item.seq);
    expect(seqs).toEqual([1, 2, 3, 4]);
  });

  it('artifact chunks arrive in order and the stored task holds the merged artifact', async () => {
    const stream = await target.stream('SendStreamingMessage', {
      message: userMessage('artifacts 5'),
    });
    const items = await collect(stream);
    const chunks = items.filter((i) => i.event.artifactUpdate).map((i) => i.event.artifactUpdate!);
    expect(chunks.map((c) => c.artifact.parts[0]?.text)).toEqual([
      'chunk 0',
      'chunk 1',
      'chunk 2',
      'chunk 3',
      'chunk 4',
    ]);
    expect(chunks.map((c) => c.append ?? false)).toEqual([false, true, true, true, true]);
    expect(chunks.at(-1)?.lastChunk).toBe(true);
    const task = await target.call('GetTask', { id: chunks[0]!.taskId });
    expect(task.artifacts).toHaveLength(1);
    expect(task.artifacts?.[0]?.parts).toHaveLength(5);
  });

  it('input-required closes the stream; auth-required keeps it open', async () => {
    const input = await collect(
      await target.stream('SendStreamingMessage', { message: userMessage('input') }),
    );
    expect(kinds(input).at(-1)).toBe('status:TASK_STATE_INPUT_REQUIRED');
    const auth = await target.stream('SendStreamingMessage', { message: userMessage('auth') });
    const iterator = auth[Symbol.asyncIterator]();
    const first = (await iterator.next()).value!.event;
    expect(kindOf(first)).toBe('task:TASK_STATE_SUBMITTED');
    expect(kindOf((await iterator.next()).value!.event)).toBe('status:TASK_STATE_AUTH_REQUIRED');
    const taskId = first.task!.id;
    const pending = iterator.next();
    await handler.cancelTask({ id: taskId });
    expect(kindOf((await pending).value!.event)).toBe('status:TASK_STATE_CANCELED');
    expect((await iterator.next()).done).toBe(true);
  });

  it('SubscribeToTask: the task snapshot first, then live events until the terminal state', async () => {
    const { task } = await target.call('SendMessage', {
      message: userMessage('wait'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const stream = await target.stream('SubscribeToTask', { id: task!.id });
    const collecting = collect(stream);
    await until(() => handler.stats.streams === 1);
    executor.release();
    expect(kinds(await collecting)).toEqual([
      'task:TASK_STATE_WORKING',
      'status:TASK_STATE_COMPLETED',
    ]);
  });

  it('SubscribeToTask: unknown → TaskNotFound; terminal → error in 1.0, the final task in 0.3', async () => {
    expect((await errorOf(target.stream('SubscribeToTask', { id: 'missing' }))).code).toBe(-32001);
    const { task } = await target.call('SendMessage', { message: userMessage('done') });
    if (target.version === '1.0') {
      expect((await errorOf(target.stream('SubscribeToTask', { id: task!.id }))).code).toBe(-32004);
    } else {
      const items = await collect(await target.stream('SubscribeToTask', { id: task!.id }));
      expect(kinds(items)).toEqual(['task:TASK_STATE_COMPLETED']);
    }
  });

  it('every stream of a task gets every event in the same order; closing one is harmless', async () => {
    const { task } = await target.call('SendMessage', {
      message: userMessage('wait'),
      configuration: { returnImmediately: true },
    });
    await until(
      async () => (await handler.getTask({ id: task!.id })).status.state === 'TASK_STATE_WORKING',
    );
    const streams = await Promise.all(
      [1, 2, 3].map(() => target.stream('SubscribeToTask', { id: task!.id })),
    );
    const quitter = streams[2]![Symbol.asyncIterator]();
    await quitter.next();
    await quitter.return?.();
    const results = Promise.all(streams.slice(0, 2).map((stream) => collect(stream)));
    await until(() => handler.stats.streams === 2);
    executor.release();
    const [a, b] = await results;
    expect(kinds(a!)).toEqual(['task:TASK_STATE_WORKING', 'status:TASK_STATE_COMPLETED']);
    expect(b!.map((i) => i.seq)).toEqual(a!.map((i) => i.seq));
    expect(handler.stats.streams).toBe(0);
  });

  it('0.3 streams carry final: true on the status update that ends them, and only there', async () => {
    const items = await collect(
      await target.stream('SendStreamingMessage', { message: userMessage('go') }),
    );
    if (target.version !== '0.3') {
      expect(items.every((i) => i.final === undefined)).toBe(true);
      return;
    }
    const finals = items.filter((i) => i.event.statusUpdate).map((i) => i.final);
    expect(finals).toEqual([false, true]);
  });
});
