import {
  type AppProcess,
  jsonRpc,
  startApp,
  userMessage,
} from '@baton-apps/test-support/start-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { planOf } from '../src/agent.js';

let app: AppProcess;
beforeAll(async () => {
  app = await startApp(new URL('..', import.meta.url));
});
afterAll(async () => {
  if (app) expect(await app.stop()).toBe(0);
});

/** Reads the `data:` lines of an SSE response until the server closes it. */
async function sseData(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)) as unknown);
}

describe('planOf', () => {
  it('reads chunks= and delay= from the text, with bounds and defaults', () => {
    expect(planOf('hello')).toEqual({ chunks: 5, delayMs: 200 });
    expect(planOf('chunks=3 delay=10')).toEqual({ chunks: 3, delayMs: 10 });
    expect(planOf('chunks=0 delay=999999')).toEqual({ chunks: 1, delayMs: 60_000 });
  });
});

describe('task-agent (started as a process)', () => {
  it('serves its card with streaming and push notifications', async () => {
    const card = await (await fetch(app.cardUrl)).json();
    expect(card.name).toBe('Task Agent');
    expect(card.capabilities).toMatchObject({ streaming: true, pushNotifications: true });
  });

  it('streams working → artifact chunks → completed', async () => {
    const response = await fetch(`${app.url}/a2a/rest/message:stream`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: userMessage('chunks=3 delay=10') }),
    });
    const events = (await sseData(response)) as Record<string, { status?: { state: string } }>[];
    expect(events.map((event) => Object.keys(event)[0])).toEqual([
      'task',
      'statusUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'artifactUpdate',
      'statusUpdate',
    ]);
    expect(events.at(-1)!.statusUpdate!.status!.state).toBe('TASK_STATE_COMPLETED');
  });

  it('stops working when the task is canceled', async () => {
    const params = {
      message: userMessage('chunks=100 delay=100'),
      configuration: { returnImmediately: true },
    };
    const { result } = await jsonRpc(app.url, 'SendMessage', params);
    const canceled = await jsonRpc(app.url, 'CancelTask', { id: result.task.id });
    expect(canceled.result.status.state).toBe('TASK_STATE_CANCELED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await jsonRpc(app.url, 'GetTask', { id: result.task.id });
    expect(later.result.status.state).toBe('TASK_STATE_CANCELED');
    expect(later.result.artifacts?.[0]?.parts.length ?? 0).toBeLessThanOrEqual(1);
  });
});
