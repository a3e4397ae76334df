import { BATON_URIS } from '@baton/protocol';
import { afterEach, describe, expect, it } from 'vitest';

import {
  type Json,
  startTestAgent,
  type TestAgent,
  type TestAgentOptions,
  userMessage,
} from './fixtures.js';

let agent: TestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

async function call(
  options: TestAgentOptions['app'],
  body: object,
  headers: Record<string, string> = {},
): Promise<{ response: Response; json: Json }> {
  agent ??= await startTestAgent({ listen: false, app: options });
  const response = await agent.app.request('http://agent.test/a2a/jsonrpc', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, json: text ? JSON.parse(text) : undefined };
}

const send10 = {
  jsonrpc: '2.0',
  id: 1,
  method: 'SendMessage',
  params: { message: userMessage('reply x') },
};
const send03 = {
  jsonrpc: '2.0',
  id: 2,
  method: 'message/send',
  params: {
    message: {
      kind: 'message',
      messageId: 'm',
      role: 'user',
      parts: [{ kind: 'text', text: 'reply y' }],
    },
  },
};

describe('protocol versions on the JSON-RPC endpoint', () => {
  it('serves both dialects on one URL by default', async () => {
    expect(
      (await call({}, send10, { 'A2A-Version': '1.0' })).json.result.message.parts[0].text,
    ).toBe('reply: x');
    const legacy = await call({}, send03);
    expect(legacy.json.result).toMatchObject({
      kind: 'message',
      parts: [{ kind: 'text', text: 'reply: y' }],
    });
  });

  it('lets the method name pick the dialect when the header is missing', async () => {
    expect((await call({}, send10)).json.result.message).toBeDefined();
  });

  it('refuses a dialect it does not serve with -32009', async () => {
    const only10 = { bindings: { jsonRpc: ['1.0' as const] } };
    const legacy = await call(only10, send03);
    expect(legacy.json).toMatchObject({ id: 2, error: { code: -32009 } });
    const missingHeader = await call(only10, send10);
    expect(missingHeader.json.result.message).toBeDefined();
  });

  it('refuses 1.0 methods when only 0.3 is served', async () => {
    const only03 = { bindings: { jsonRpc: ['0.3' as const], rest: [] } };
    expect((await call(only03, send10, { 'A2A-Version': '1.0' })).json.error.code).toBe(-32009);
    expect((await call(only03, send03)).json.result.kind).toBe('message');
  });

  it('answers a notification (no id) with 204 and no body', async () => {
    const { id: _id, ...notification } = send10;
    const { response } = await call({}, notification, { 'A2A-Version': '1.0' });
    expect(response.status).toBe(204);
  });
});

describe('extensions', () => {
  it('echoes the requested extensions the card declares, in both header spellings', async () => {
    const requested = `${BATON_URIS.resumableStreams}, urn:example:unknown`;
    const { response } = await call({}, send10, {
      'A2A-Version': '1.0',
      'A2A-Extensions': requested,
    });
    expect(response.headers.get('a2a-extensions')).toBe(BATON_URIS.resumableStreams);
    expect(response.headers.get('x-a2a-extensions')).toBe(BATON_URIS.resumableStreams);
    const legacy = await call({}, send03, { 'X-A2A-Extensions': BATON_URIS.resumableStreams });
    expect(legacy.response.headers.get('x-a2a-extensions')).toBe(BATON_URIS.resumableStreams);
    const none = await call({}, send10, { 'A2A-Extensions': 'urn:example:unknown' });
    expect(none.response.headers.get('a2a-extensions')).toBeNull();
  });
});

describe('options', () => {
  it('rejects invalid option values at construction', async () => {
    await expect(startTestAgent({ listen: false, app: { bodyLimit: 0 } })).rejects.toThrow(
      TypeError,
    );
    await expect(startTestAgent({ listen: false, app: { jsonRpcPath: 'rpc' } })).rejects.toThrow(
      TypeError,
    );
    await expect(
      startTestAgent({ listen: false, app: { bindings: { jsonRpc: [], rest: [] } } }),
    ).rejects.toThrow(TypeError);
  });
});
