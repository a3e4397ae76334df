import { afterAll, describe, expect, it } from 'vitest';

import { startAgent, userMessage } from './fixtures.js';
import { RawClient } from './raw-client.js';

const agent = await startAgent();
afterAll(() => agent.close());

describe('smoke', () => {
  it('answers a unary call and a stream', async () => {
    const client = await RawClient.open(agent.wsUrl, { headers: { 'A2A-Version': '1.0' } });
    const reply = await client.call('SendMessage', { message: userMessage('message hi') });
    expect(reply.result.message.parts).toEqual([{ text: 'message: hi' }]);
    const { events, end } = await client.stream('SendStreamingMessage', {
      message: userMessage('stream 3'),
    });
    expect(events.map((e) => Object.keys(e.params.result)[0])).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    expect(events.every((e) => typeof e.params.seq === 'number')).toBe(true);
    expect(end.result).toEqual({ done: true });
    await client.close();
  });
});
