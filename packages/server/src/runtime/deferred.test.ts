import { describe, expect, it } from 'vitest';

import { deferred, lazyDeferred } from './deferred.js';

/** Node's process events (the package's types are web-only; both test runtimes have them). */
const host = (
  globalThis as unknown as {
    process: {
      on(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
      off(event: 'unhandledRejection', listener: (reason: unknown) => void): void;
    };
  }
).process;

describe.each([
  ['deferred', deferred],
  ['lazyDeferred', lazyDeferred],
])('%s', (_name, make) => {
  it('resolves once, with the first value, whether read before or after', async () => {
    const early = make<number>();
    const pending = early.promise;
    early.resolve(1);
    early.resolve(2);
    early.reject(new Error('late'));
    expect(early.settled).toBe(true);
    await expect(pending).resolves.toBe(1);

    const late = make<number>();
    expect(late.settled).toBe(false);
    late.resolve(3);
    await expect(late.promise).resolves.toBe(3);
  });

  it('rejects with the first reason, read late or never, without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    host.on('unhandledRejection', record);
    try {
      const read = make<void>();
      read.reject(new Error('first'));
      read.resolve();
      await expect(read.promise).rejects.toThrow('first');
      make<void>().reject(new Error('never read'));
      const ignored = make<void>();
      void ignored.promise;
      ignored.reject(new Error('read, not awaited'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      host.off('unhandledRejection', record);
    }
  });
});
