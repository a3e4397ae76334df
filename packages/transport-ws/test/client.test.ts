import { createClient } from '@baton/client';
import { BATON_URIS } from '@baton/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { preferWebSocket, type WebSocketCarrier } from '../src/client/index.js';
import { startAgent } from './fixtures.js';

const agent = await startAgent();
afterAll(() => agent.close());

describe('the client over WebSocket', () => {
  it('picks the WebSocket interface from the card by one option', async () => {
    const client = await createClient(agent.url, preferWebSocket({ WebSocket }));
    expect(client.agentInterface.protocolBinding).toBe(BATON_URIS.webSocketBinding);
    expect(client.agentInterface.url).toBe(agent.wsUrl);
    const reply = await client.sendMessage({
      message: { messageId: 'm1', role: 'ROLE_USER', parts: [{ text: 'message hi' }] },
    });
    expect(reply.message?.parts).toEqual([{ text: 'message: hi' }]);
    const events = [];
    for await (const event of client.sendStreamingMessage({
      message: { messageId: 'm2', role: 'ROLE_USER', parts: [{ text: 'stream 3' }] },
    })) {
      events.push(Object.keys(event)[0]);
    }
    expect(events).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    await (client.transport.carrier as WebSocketCarrier).close();
  });
});
