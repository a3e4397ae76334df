import { afterAll, describe, expect, it } from 'vitest';

import { startAgent, userMessage } from './fixtures.js';
import { type Frame, RawClient } from './raw-client.js';

const agent = await startAgent();
afterAll(() => agent.close());

const kinds = (events: Frame[]) => events.map((event) => Object.keys(event.params.result)[0]);

describe('many calls on one socket', () => {
  it('runs 50 unary calls and 20 streams at once, each answer with its own id', async () => {
    const client = await RawClient.open(agent.wsUrl, { headers: { 'A2A-Version': '1.0' } });
    const unary = Array.from({ length: 50 }, (_, index) =>
      client.call('SendMessage', { message: userMessage(`message n${index}`) }),
    );
    const streams = Array.from({ length: 20 }, () =>
      client.stream('SendStreamingMessage', { message: userMessage('stream 4') }),
    );
    const answers = await Promise.all(unary);
    answers.forEach((answer, index) => {
      expect(answer.result.message.parts).toEqual([{ text: `message: n${index}` }]);
    });
    for (const { events, end } of await Promise.all(streams)) {
      expect(kinds(events)).toEqual([
        'task',
        'statusUpdate',
        'artifactUpdate',
        'artifactUpdate',
        'artifactUpdate',
        'artifactUpdate',
        'statusUpdate',
      ]);
      const seqs = events.map((event) => event.params.seq as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(
        new Set(
          events.map(
            (event) =>
              event.params.result.task?.id ??
              event.params.result.statusUpdate?.taskId ??
              event.params.result.artifactUpdate?.taskId,
          ),
        ).size,
      ).toBe(1);
      expect(end.result).toEqual({ done: true });
    }
    await client.close();
  });

  it('cancelling one of three streams of a task leaves the other two running', async () => {
    const client = await RawClient.open(agent.wsUrl, { headers: { 'A2A-Version': '1.0' } });
    const { result } = await client.call('SendMessage', {
      message: userMessage('long 600 50'),
      configuration: { returnImmediately: true },
    });
    const taskId = result.task.id as string;
    const ids = [client.id(), client.id(), client.id()];
    for (const id of ids) {
      client.send({ jsonrpc: '2.0', id, method: 'SubscribeToTask', params: { id: taskId } });
    }
    await client.next((frame) => frame.params?.id === ids[0] && frame.params.result.artifactUpdate);
    client.send({ jsonrpc: '2.0', method: 'stream/cancel', params: { id: ids[0] } });
    const cut = client.frames.length;
    const ends = await Promise.all(
      ids.slice(1).map((id) => client.next((frame) => frame.id === id)),
    );
    expect(ends.map((end) => end.result)).toEqual([{ done: true }, { done: true }]);
    expect(client.frames.slice(cut).some((f) => f.params?.id === ids[0] || f.id === ids[0])).toBe(
      false,
    );
    const last = client.frames.filter((f) => f.params?.id === ids[1]).at(-1)!;
    expect(last.params.result.statusUpdate.status.state).toBe('TASK_STATE_COMPLETED');
    await client.close();
  });

  it('SubscribeToTask with resumeAfter gives exactly the events after that sequence number', async () => {
    const client = await RawClient.open(agent.wsUrl, { headers: { 'A2A-Version': '1.0' } });
    const full = await client.stream('SendStreamingMessage', { message: userMessage('stream 6') });
    const taskId = full.events[0]!.params.result.task.id as string;
    const seqs = full.events.map((event) => event.params.seq as number);
    const resumed = await client.stream('SubscribeToTask', { id: taskId, resumeAfter: seqs[2] });
    expect(resumed.events.map((event) => event.params.seq)).toEqual(seqs.slice(3));
    expect(resumed.events.map((e) => e.params.result)).toEqual(
      full.events.slice(3).map((e) => e.params.result),
    );
    await client.close();
  });

  it('takes the version from the upgrade header, query, or the frame itself', async () => {
    const legacy = await RawClient.open(agent.wsUrl);
    const viaFrame = await legacy.call(
      'GetTask',
      { id: 'missing' },
      { serviceParameters: { 'A2A-Version': '99' } },
    );
    expect(viaFrame.error.code).toBe(-32009);
    const noHeader = await legacy.call('NoSuchMethod', {});
    expect(noHeader.error).toEqual({
      code: -32601,
      message: 'Method NoSuchMethod is not supported',
    });
    await legacy.close();
    const modern = await RawClient.open(`${agent.wsUrl}?a2a-version=1.0`);
    expect((await modern.call('NoSuchMethod', {})).error.data[0].reason).toBe('METHOD_NOT_FOUND');
    await modern.close();
  });
});
