import { describe, expect, it } from 'vitest';

import { type AgentExecutor } from '../src/index.js';
import { handlerWith, userMessage } from './helpers.js';

const slow: AgentExecutor = {
  async execute(_context, events) {
    await events.working();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await events.complete();
  },
};

describe('many blocking SendMessage calls at once', () => {
  it('never trips Node’s listener-leak warning on a shared signal', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const handler = handlerWith(slow);
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => handler.sendMessage({ message: userMessage(`${i}`) })),
      );
      expect(results.every((r) => r.task?.status.state === 'TASK_STATE_COMPLETED')).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await handler.close();
    }
  });
});
