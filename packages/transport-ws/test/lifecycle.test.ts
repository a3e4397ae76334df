import { afterAll, describe, expect, it } from 'vitest';

import { startAgent, userMessage } from './fixtures.js';
import { RawClient } from './raw-client.js';

const agent = await startAgent({ ws: { heartbeatMs: 60_000 } });
afterAll(() => agent.close());

describe('closing sockets', () => {
  it('frees every subscription, listener and connection after 1,000 open/close cycles', async () => {
    const setup = await RawClient.open(agent.wsUrl, { headers: { 'A2A-Version': '1.0' } });
    const { result } = await setup.call('SendMessage', {
      message: userMessage('long 120000'),
      configuration: { returnImmediately: true },
    });
    await setup.close();
    const taskId = result.task.id as string;
    await expect.poll(() => agent.endpoint.server.connections.size).toBe(0);
    const baseline = { streams: agent.handler.stats.streams, listeners: agent.listeners() };

    const cycle = async (index: number) => {
      const client = await RawClient.open(`${agent.wsUrl}?A2A-Version=1.0`);
      client.send({ jsonrpc: '2.0', id: 1, method: 'SubscribeToTask', params: { id: taskId } });
      client.send({ jsonrpc: '2.0', id: 2, method: 'SubscribeToTask', params: { id: taskId } });
      await client.next((frame) => frame.params?.id === 2);
      // Half close politely, half vanish.
      if (index % 2 === 0) await client.close();
      else client.socket.terminate();
    };
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => cycle(batch * 50 + i)));
    }

    await expect.poll(() => agent.endpoint.server.connections.size).toBe(0);
    // A socket's streams end after it closed (their cancellation takes a turn or two of the event
    // loop): wait for them, as for the connections — a leak keeps the count up for good.
    await expect.poll(() => agent.handler.stats.streams).toBe(baseline.streams);
    await expect.poll(() => agent.listeners()).toBe(baseline.listeners);
    await expect.poll(() => agent.endpoint.watched).toBe(0);
    // Subscriptions ended, not the task.
    const task = await agent.handler.getTask({ id: taskId });
    expect(task.status.state).toBe('TASK_STATE_WORKING');
    // 2,000 sockets: a few seconds alone, much longer on a loaded CI machine.
  }, 120_000);
});
