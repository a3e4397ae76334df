import {
  type AppProcess,
  jsonRpc,
  startApp,
  userMessage,
} from '@baton-apps/test-support/start-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { COMMANDS } from '../src/agent.js';

let app: AppProcess;
beforeAll(async () => {
  app = await startApp(new URL('..', import.meta.url));
});
afterAll(async () => {
  if (app) expect(await app.stop()).toBe(0);
});

async function send(text: string, extra: object = {}) {
  const body = await jsonRpc(app.url, 'SendMessage', {
    message: { ...userMessage(text), ...extra },
  });
  return body.result;
}

describe('conformance-agent (started as a process)', () => {
  it('lists one skill per command in its card', async () => {
    const card = await (await fetch(app.cardUrl)).json();
    expect(card.skills.map((skill: { id: string }) => skill.id)).toEqual(Object.keys(COMMANDS));
  });

  it.each([
    ['complete', 'TASK_STATE_COMPLETED'],
    ['reject', 'TASK_STATE_REJECTED'],
    ['fail', 'TASK_STATE_FAILED'],
    ['throw', 'TASK_STATE_FAILED'],
    ['auth', 'TASK_STATE_AUTH_REQUIRED'],
    ['unfinished', 'TASK_STATE_FAILED'],
  ])('%s → %s', async (command, state) => {
    expect((await send(command)).task.status.state).toBe(state);
  });

  it('replies directly to `message`', async () => {
    expect((await send('message hi')).message.parts).toEqual([{ text: 'message: hi' }]);
  });

  it('asks for input, then completes with the follow-up', async () => {
    const { task } = await send('input');
    expect(task.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    const next = await send('the answer', { taskId: task.id, contextId: task.contextId });
    expect(next.task.status.state).toBe('TASK_STATE_COMPLETED');
    expect(next.task.artifacts[0].parts).toEqual([{ text: 'received: the answer' }]);
  });

  it('sends one artifact of every kind', async () => {
    const { task } = await send('artifacts');
    const names = task.artifacts.map((artifact: { name: string }) => artifact.name);
    expect(names).toEqual(['text', 'raw', 'url', 'data', 'data-array', 'mixed']);
  });
});
