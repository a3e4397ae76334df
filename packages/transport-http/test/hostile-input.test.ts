import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Json, postJsonRpc, startTestAgent, type TestAgent, userMessage } from './fixtures.js';
import { rawRequest } from './raw-http.js';

let agent: TestAgent;
const LIMIT = 4096;
beforeAll(async () => {
  agent = await startTestAgent({ app: { bodyLimit: LIMIT, bodyTimeoutMs: 300 } });
});
afterAll(() => agent.close());

const rpcUrl = () => `${agent.url}/a2a/jsonrpc`;
const jsonHeaders = { 'Content-Type': 'application/json', 'A2A-Version': '1.0' };

async function jsonRpcBody(body: string | unknown, headers?: Record<string, string>) {
  const response = await postJsonRpc(agent.url, body, headers);
  return { status: response.status, body: await response.json() };
}

describe('hostile JSON-RPC input', () => {
  it('answers invalid JSON with -32700 and id null', async () => {
    const { status, body } = await jsonRpcBody('{"jsonrpc": "2.0", "id": 1,');
    expect(status).toBe(200);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
  });

  it.each([
    ['a number', '42'],
    ['a string', '"SendMessage"'],
    ['null', 'null'],
    ['an object without jsonrpc', '{"id": 3, "method": "GetTask"}'],
    ['a non-string method', '{"jsonrpc": "2.0", "id": 3, "method": 7}'],
    ['array params', '{"jsonrpc": "2.0", "id": 3, "method": "GetTask", "params": [1]}'],
  ])('answers %s with -32600', async (_name, text) => {
    const { body } = await jsonRpcBody(text);
    expect(body.error.code).toBe(-32600);
  });

  it('refuses batches with a clear -32600', async () => {
    const batch = [{ jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'x' } }];
    const { body } = await jsonRpcBody(batch);
    expect(body).toMatchObject({ id: null, error: { code: -32600 } });
    expect(body.error.message).toMatch(/batch/i);
  });

  it('answers an unknown method with -32601, echoing the id', async () => {
    const { body } = await jsonRpcBody({ jsonrpc: '2.0', id: 'abc', method: 'tasks/explode' });
    expect(body).toMatchObject({ id: 'abc', error: { code: -32601 } });
  });

  it('answers invalid params with -32602 and the field paths', async () => {
    const params = { message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 1 }] } };
    const { body } = await jsonRpcBody({ jsonrpc: '2.0', id: 9, method: 'SendMessage', params });
    expect(body.error.code).toBe(-32602);
    const badRequest = body.error.data.find((d: Json) => d['@type'].endsWith('BadRequest'));
    expect(badRequest.fieldViolations.map((v: Json) => v.field)).toContain('message.parts[0].text');
  });

  it('refuses a body that is not JSON with 415 and -32600', async () => {
    const response = await fetch(rpcUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'A2A-Version': '1.0' },
      body: '{"jsonrpc":"2.0","id":1,"method":"GetTask","params":{"id":"x"}}',
    });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe(-32600);
  });

  it('accepts application/a2a+json and a charset parameter', async () => {
    for (const type of ['application/a2a+json', 'application/json; charset=utf-8']) {
      const response = await postJsonRpc(
        agent.url,
        { jsonrpc: '2.0', id: 1, method: 'GetTask', params: { id: 'missing' } },
        { 'Content-Type': type, 'A2A-Version': '1.0' },
      );
      expect((await response.json()).error.code).toBe(-32001);
    }
  });

  it('refuses an oversize body from its Content-Length without reading it (413)', async () => {
    const response = await rawRequest(rpcUrl(), {
      headers: { ...jsonHeaders, 'Content-Length': LIMIT * 100 },
      chunks: ['{"jsonrpc":'],
      end: false,
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error).toMatchObject({ code: -32600 });
  });

  it('cuts off a chunked body once it passes the limit (413)', async () => {
    const piece = 'x'.repeat(1024);
    const response = await rawRequest(rpcUrl(), {
      headers: { ...jsonHeaders, 'Transfer-Encoding': 'chunked' },
      chunks: Array.from({ length: 20 }, () => piece),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe(-32600);
  });

  it('times out a stalled body (408)', async () => {
    const started = Date.now();
    const response = await rawRequest(rpcUrl(), {
      headers: { ...jsonHeaders, 'Content-Length': 200 },
      chunks: ['{"jsonrpc": "2.0",'],
      end: false,
    });
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body).error.code).toBe(-32600);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers an unknown A2A-Version with -32009, echoing the id', async () => {
    const request = { jsonrpc: '2.0', id: 5, method: 'GetTask', params: { id: 'x' } };
    for (const version of ['99.0', '2.1', 'banana']) {
      const { body } = await jsonRpcBody(request, { 'A2A-Version': version });
      expect(body).toMatchObject({ id: 5, error: { code: -32009 } });
      expect(body.error.data[0].reason).toBe('VERSION_NOT_SUPPORTED');
    }
  });

  it('reads A2A-Version from the query string too, and ignores patch numbers', async () => {
    const request = { jsonrpc: '2.0', id: 5, method: 'GetTask', params: { id: 'x' } };
    const bad = await fetch(`${rpcUrl()}?A2A-Version=99.0`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect((await bad.json()).error.code).toBe(-32009);
    const { body } = await jsonRpcBody(request, { 'A2A-Version': '1.0.7' });
    expect(body.error.code).toBe(-32001);
  });

  it('keeps serving normal requests after all of the above', async () => {
    const params = { message: userMessage('still alive') };
    const { body } = await jsonRpcBody({ jsonrpc: '2.0', id: 1, method: 'SendMessage', params });
    expect(body.result.task.status.state).toBe('TASK_STATE_COMPLETED');
  });
});

describe('hostile REST input', () => {
  const rest = (path: string, init?: RequestInit) => fetch(`${agent.url}/a2a/rest${path}`, init);

  it('answers A2A-Version 99.0 with 400 VERSION_NOT_SUPPORTED', async () => {
    const response = await rest('/tasks', { headers: { 'A2A-Version': '99.0' } });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.details[0]).toMatchObject({ reason: 'VERSION_NOT_SUPPORTED' });
  });

  it('answers invalid JSON with 400 and a parse error', async () => {
    const response = await rest('/message:send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.details[0].reason).toBe('PARSE_ERROR');
  });

  it('answers a JSON array body with 400', async () => {
    const response = await rest('/message:send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(response.status).toBe(400);
  });

  it('answers a non-JSON body with 415', async () => {
    const response = await rest('/message:send', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(response.status).toBe(415);
  });

  it('answers invalid query params with 400 and field violations', async () => {
    const response = await rest('/tasks?pageSize=1000&historyLength=-1');
    expect(response.status).toBe(400);
    const body = await response.json();
    const fields = body.error.details
      .flatMap((d: Json) => d.fieldViolations ?? [])
      .map((v: Json) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['pageSize', 'historyLength']));
  });

  it('answers an unknown route with 404 and a wrong verb with 405 + Allow', async () => {
    expect((await rest('/nothing/here')).status).toBe(404);
    const wrongVerb = await rest('/message:send');
    expect(wrongVerb.status).toBe(405);
    expect(wrongVerb.headers.get('allow')).toBe('POST');
  });

  it('says plainly that the 0.3 REST routes under /v1 are not served', async () => {
    const response = await rest('/v1/message:send', { method: 'POST' });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toMatch(/0\.3 REST/);
  });

  it('refuses metadata nested deeper than 100 levels with 400 naming the field', async () => {
    const body = JSON.stringify({ message: { ...userMessage('deep'), metadata: { d: '\u0001' } } });
    const response = await rest('/message:send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'A2A-Version': '1.0' },
      body: body.replace('"\\u0001"', `${'{"a":'.repeat(400)}1${'}'.repeat(400)}`),
    });
    expect(response.status).toBe(400);
    const violations = (await response.json()).error.details.flatMap(
      (d: Json) => d.fieldViolations ?? [],
    );
    expect(violations).toEqual([
      {
        field: 'message.metadata',
        description: 'must not nest more than 100 levels of objects and arrays',
      },
    ]);
  });

  it('refuses an oversize REST body (413)', async () => {
    const response = await rawRequest(`${agent.url}/a2a/rest/message:send`, {
      headers: { 'Content-Type': 'application/json', 'Content-Length': LIMIT + 1 },
      chunks: ['{'],
      end: false,
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.status).toBe('RESOURCE_EXHAUSTED');
  });
});
