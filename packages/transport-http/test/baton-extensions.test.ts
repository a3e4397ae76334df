import { BATON_URIS } from '@baton/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type Json,
  postJsonRpc,
  readSse,
  rpc,
  SSE_WRITERS,
  startTestAgent,
  type TestAgent,
  userMessage,
} from './fixtures.js';

let agent: TestAgent;

const rest = (path: string, init: RequestInit = {}) =>
  fetch(`${agent.url}/a2a/rest${path}`, {
    ...init,
    headers: { 'A2A-Version': '1.0', 'Content-Type': 'application/json', ...init.headers },
  });

async function send(text: string, contextId?: string): Promise<Json> {
  const body = await rpc(agent.url, 'SendMessage', { message: userMessage(text, { contextId }) });
  return body.result.task;
}

describe.each(SSE_WRITERS)(
  "Baton's extensions over HTTP, SSE written by $writer",
  ({ nativeSse }) => {
    beforeAll(async () => {
      agent = await startTestAgent({ nativeSse });
    });
    afterAll(() => agent.close());

    it('declares resumable streams and task search in the served card', async () => {
      const card = await (await fetch(`${agent.url}/.well-known/agent-card.json`)).json();
      const uris = card.capabilities.extensions.map((e: { uri: string }) => e.uri);
      expect(uris).toEqual(
        expect.arrayContaining([BATON_URIS.resumableStreams, BATON_URIS.taskSearch]),
      );
    });

    it('filters ListTasks by query over JSON-RPC and REST, with the other filters', async () => {
      const ctx = crypto.randomUUID();
      const apple = await send('apple pie', ctx);
      await send('banana split', ctx);
      await send('apple tart');
      const viaRpc = await rpc(agent.url, 'ListTasks', { query: 'APPLE', contextId: ctx });
      expect(viaRpc.result.tasks.map((t: Json) => t.id)).toEqual([apple.id]);
      const response = await rest(`/tasks?query=apple&contextId=${ctx}`, {
        headers: { 'A2A-Extensions': BATON_URIS.taskSearch },
      });
      expect(response.headers.get('a2a-extensions')).toBe(BATON_URIS.taskSearch);
      expect((await response.json()).tasks.map((t: Json) => t.id)).toEqual([apple.id]);
      const bad = await rpc(agent.url, 'ListTasks', { query: ['apple'] });
      expect(bad.error.code).toBe(-32602);
    });

    it('replays after resumeAfter (JSON-RPC params, REST query) like Last-Event-ID', async () => {
      const task = await send('chunks 4');
      const expected = [4, 5, 6, 7];
      const viaParam = await postJsonRpc(agent.url, {
        jsonrpc: '2.0',
        id: 1,
        method: 'SubscribeToTask',
        params: { id: task.id, resumeAfter: 3 },
      });
      const rpcEvents = await readSse(viaParam);
      expect(rpcEvents.map((e) => Number(e.id))).toEqual(expected);
      const viaQuery = await rest(`/tasks/${task.id}:subscribe?resumeAfter=3`, { method: 'POST' });
      expect((await readSse(viaQuery)).map((e) => Number(e.id))).toEqual(expected);
      // The header wins over the parameter.
      const both = await rest(`/tasks/${task.id}:subscribe?resumeAfter=3`, {
        method: 'POST',
        headers: { 'Last-Event-ID': '6' },
      });
      expect((await readSse(both)).map((e) => Number(e.id))).toEqual([7]);
      const invalid = await rest(`/tasks/${task.id}:subscribe?resumeAfter=-1`, { method: 'POST' });
      expect(invalid.status).toBe(400);
    });
  },
);
