import { describe, expect, it } from 'vitest';

import { type AgentExecutor } from '../src/index.js';
import { echoExecutor, handlerWith, scenarioExecutor, userMessage } from './helpers.js';

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

describe('a blocking SendMessage and the caller going away', () => {
  it('answers a task that settles at once without reading the caller’s signal', async () => {
    const handler = handlerWith(echoExecutor);
    let reads = 0;
    const context = {
      get signal() {
        reads++;
        return new AbortController().signal;
      },
    };
    try {
      const result = await handler.sendMessage({ message: userMessage('quick') }, context);
      expect(result.task?.status.state).toBe('TASK_STATE_COMPLETED');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(reads).toBe(0);
    } finally {
      await handler.close();
    }
  });

  it('stops waiting with an error when the caller goes away while the task works', async () => {
    const executor = scenarioExecutor();
    const handler = handlerWith(executor);
    const controller = new AbortController();
    try {
      const call = handler.sendMessage(
        { message: userMessage('wait') },
        { signal: controller.signal },
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      await expect(call).rejects.toThrow(/aborted before the task settled/);
    } finally {
      executor.release();
      await handler.close();
    }
  });

  it('answers an already gone caller with the error once the wait outlasts a turn', async () => {
    const executor = scenarioExecutor();
    const handler = handlerWith(executor);
    try {
      const call = handler.sendMessage(
        { message: userMessage('wait') },
        { signal: AbortSignal.abort() },
      );
      await expect(call).rejects.toThrow(/aborted before the task settled/);
    } finally {
      executor.release();
      await handler.close();
    }
  });
});
