import {
  type AppProcess,
  jsonRpc,
  startApp,
  userMessage,
} from '@baton-apps/test-support/start-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let app: AppProcess;
beforeAll(async () => {
  app = await startApp(new URL('..', import.meta.url));
});
afterAll(async () => {
  if (app) expect(await app.stop()).toBe(0);
});

describe('echo-agent (started as a process)', () => {
  it('prints its card URL and serves the card', async () => {
    const card = await (await fetch(app.cardUrl)).json();
    expect(card.name).toBe('Echo Agent');
    expect(card.supportedInterfaces[0]).toEqual({
      url: `${app.url}/a2a/jsonrpc`,
      protocolBinding: 'JSONRPC',
      protocolVersion: '1.0',
    });
  });

  it('answers a message with a direct echo reply', async () => {
    const { result } = await jsonRpc(app.url, 'SendMessage', { message: userMessage('ping') });
    expect(result.message.parts).toEqual([{ text: 'echo: ping' }]);
  });

  it('answers over REST and in 0.3 too', async () => {
    const rest = await fetch(`${app.url}/a2a/rest/message:send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: userMessage('rest') }),
    });
    expect((await rest.json()).message.parts[0].text).toBe('echo: rest');
    const legacy = await fetch(`${app.url}/a2a/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'x',
        method: 'message/send',
        params: {
          message: {
            kind: 'message',
            messageId: 'm1',
            role: 'user',
            parts: [{ kind: 'text', text: 'old' }],
          },
        },
      }),
    });
    const body = await legacy.json();
    expect(body.result).toMatchObject({
      kind: 'message',
      role: 'agent',
      parts: [{ kind: 'text', text: 'echo: old' }],
    });
  });
});
