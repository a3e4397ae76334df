import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Json, readSse, startTestAgent, type TestAgent, userMessage } from './fixtures.js';

let agent: TestAgent;
beforeAll(async () => {
  agent = await startTestAgent({ handler: { push: { allowPrivateUrls: true } } });
});
afterAll(() => agent.close());

const rest = (path: string, init: RequestInit = {}) =>
  fetch(`${agent.url}/a2a/rest${path}`, {
    ...init,
    headers: {
      'A2A-Version': '1.0',
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  });
const post = (path: string, body?: unknown) =>
  rest(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

async function send(text: string, configuration?: object): Promise<Json> {
  const response = await post('/message:send', { message: userMessage(text), configuration });
  expect(response.status).toBe(200);
  return response.json();
}

describe('REST binding', () => {
  it('answers SendMessage with the SendMessageResponse wrapper, as application/json', async () => {
    const response = await post('/message:send', { message: userMessage('hello') });
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body.task.status.state).toBe('TASK_STATE_COMPLETED');
    expect((await send('reply hi')).message.parts[0].text).toBe('reply: hi');
  });

  it('answers GetTask and CancelTask with the bare Task', async () => {
    const { task } = await send('hello');
    const got = await (await rest(`/tasks/${task.id}?historyLength=1`)).json();
    expect(got.id).toBe(task.id);
    expect(got.history).toHaveLength(1);
    const { task: running } = await send('wait 10000', { returnImmediately: true });
    const canceled = await post(`/tasks/${running.id}:cancel`);
    expect(canceled.status).toBe(200);
    expect((await canceled.json()).status.state).toBe('TASK_STATE_CANCELED');
  });

  it('accepts an empty body or {} on :cancel and :subscribe', async () => {
    const { task } = await send('wait 10000', { returnImmediately: true });
    const events = await readSse(await post(`/tasks/${task.id}:subscribe`, {}), { max: 1 });
    expect(events[0]!.data.task.id).toBe(task.id);
    expect((await post(`/tasks/${task.id}:cancel`, {})).status).toBe(200);
  });

  it('answers terminal-task cancel with 409 (1.0.0 table) by default', async () => {
    const { task } = await send('hello');
    const response = await post(`/tasks/${task.id}:cancel`);
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.error).toMatchObject({ code: 409, status: 'FAILED_PRECONDITION' });
    expect(body.error.details[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'TASK_NOT_CANCELABLE',
      domain: 'a2a-protocol.org',
    });
  });

  it('coerces query parameters: integers, booleans and enums', async () => {
    const contextId = crypto.randomUUID();
    for (let i = 0; i < 3; i++) {
      await post('/message:send', { message: userMessage(`n${i}`, { contextId }) });
    }
    const page = await (
      await rest(
        `/tasks?contextId=${contextId}&pageSize=2&includeArtifacts=true&status=TASK_STATE_COMPLETED`,
      )
    ).json();
    expect(page).toMatchObject({ pageSize: 2, totalSize: 3 });
    expect(page.tasks).toHaveLength(2);
    expect(page.tasks[0].artifacts).toHaveLength(1);
    expect(page.nextPageToken).not.toBe('');
    const rest2 = await (
      await rest(
        `/tasks?contextId=${contextId}&pageSize=2&pageToken=${encodeURIComponent(page.nextPageToken)}`,
      )
    ).json();
    expect(rest2.tasks).toHaveLength(1);
    expect(rest2.nextPageToken).toBe('');
    expect(rest2.tasks[0]).not.toHaveProperty('artifacts');
  });

  it('serves every route under a /{tenant} prefix, scoped to that tenant', async () => {
    const response = await rest('/acme/message:send', {
      method: 'POST',
      body: JSON.stringify({ message: userMessage('tenant task') }),
    });
    const { task } = await response.json();
    expect((await rest(`/acme/tasks/${task.id}`)).status).toBe(200);
    expect((await rest(`/other/tasks/${task.id}`)).status).toBe(404);
  });

  it('streams SendStreamingMessage as SSE with bare StreamResponse events', async () => {
    const response = await post('/message:stream', { message: userMessage('chunks 2') });
    const events = await readSse(response);
    expect(events.map((e) => Object.keys(e.data)[0])).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    expect(events.every((e) => /^\d+$/.test(e.id!))).toBe(true);
  });

  it('does push-config CRUD with the task id from the path', async () => {
    const { task } = await send('wait 10000', { returnImmediately: true });
    const base = `/tasks/${task.id}/pushNotificationConfigs`;
    const created = await (await post(base, { url: 'http://127.0.0.1:9/hook', token: 't' })).json();
    expect(created).toMatchObject({ taskId: task.id, url: 'http://127.0.0.1:9/hook' });
    const got = await (await rest(`${base}/${created.id}`)).json();
    expect(got).toEqual(created);
    const list = await (await rest(base)).json();
    expect(list.configs).toEqual([created]);
    const deleted = await rest(`${base}/${created.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({});
    expect((await rest(`${base}/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    await post(`/tasks/${task.id}:cancel`);
  });

  it('switches the status table to 1.0.1 on request', async () => {
    const strict = await startTestAgent({ listen: false, app: { errorStatusVariant: '1.0.1' } });
    try {
      const sent = await strict.app.request('http://agent.test/a2a/rest/message:send', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: userMessage('hello') }),
      });
      const { task } = await sent.json();
      const response = await strict.app.request(
        `http://agent.test/a2a/rest/tasks/${task.id}:cancel`,
        {
          method: 'POST',
        },
      );
      expect(response.status).toBe(400);
    } finally {
      await strict.close();
    }
  });

  it('refuses A2A-Version 0.3 on the 1.0 routes but accepts none', async () => {
    expect((await rest('/tasks', { headers: { 'A2A-Version': '0.3' } })).status).toBe(400);
    const bare = await fetch(`${agent.url}/a2a/rest/tasks`);
    expect(bare.status).toBe(200);
  });
});
