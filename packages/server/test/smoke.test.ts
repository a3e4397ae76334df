import { describe, expect, it } from 'vitest';

import { collect, echoExecutor, handlerWith, kindOf, userMessage } from './helpers.js';

describe('smoke', () => {
  it('runs a task to completion', async () => {
    const handler = handlerWith(echoExecutor);
    const result = await handler.sendMessage({ message: userMessage('hi') });
    expect(result.task?.status.state).toBe('TASK_STATE_COMPLETED');
    expect(result.task?.artifacts?.[0]?.parts[0]?.text).toBe('echo: hi');
    const stream = await handler.sendStreamingMessage({ message: userMessage('yo') });
    const items = await collect(stream);
    expect(items.map(kindOf)).toEqual([
      'task:TASK_STATE_SUBMITTED',
      'status:TASK_STATE_WORKING',
      'artifact',
      'status:TASK_STATE_COMPLETED',
    ]);
    await handler.close();
  });
});
