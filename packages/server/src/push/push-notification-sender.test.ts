import { type StreamResponse } from '@baton/protocol';
import { describe, expect, it, vi } from 'vitest';

import { type StoredPushConfig } from '../push-config-store.js';
import { PushNotificationSender } from './push-notification-sender.js';

const config: StoredPushConfig = {
  taskId: 'task-1',
  id: 'hook-1',
  url: 'https://hooks.example.com/a2a?secret=s3',
  token: 'tok-123',
  authentication: { scheme: 'Bearer', credentials: 'abc.def' },
};
const payload: StreamResponse = {
  statusUpdate: { taskId: 'task-1', contextId: 'ctx-1', status: { state: 'TASK_STATE_WORKING' } },
};

/** A fetch that answers each call with the next status (or error) of `answers`. */
function scriptedFetch(...answers: (number | Error)[]) {
  return vi.fn<typeof fetch>(async () => {
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    return new Response(null, { status: answer });
  });
}

function sender(fetch: typeof globalThis.fetch, options = {}) {
  const logger = { warn: vi.fn() };
  return {
    logger,
    sender: new PushNotificationSender({ fetch, retryDelayMs: 1, logger, ...options }),
  };
}

describe('PushNotificationSender', () => {
  it('POSTs the stream response as JSON with the auth and token headers', async () => {
    const fetch = scriptedFetch(204);
    const result = await sender(fetch).sender.send(config, payload);
    expect(result).toEqual({ ok: true, attempts: 1, status: 204, error: undefined });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(config.url);
    expect(init?.method).toBe('POST');
    expect(init?.redirect).toBe('manual');
    const headers = new Headers(init?.headers);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('authorization')).toBe('Bearer abc.def');
    expect(headers.get('x-a2a-notification-token')).toBe('tok-123');
    expect(JSON.parse(init?.body as string)).toEqual(payload);
  });

  it('sends neither header when the config has no authentication or token', async () => {
    const fetch = scriptedFetch(200);
    await sender(fetch).sender.send({ taskId: 't', id: 'i', url: 'https://example.com/' }, payload);
    const headers = new Headers(fetch.mock.calls[0]![1]?.headers);
    expect(headers.has('authorization')).toBe(false);
    expect(headers.has('x-a2a-notification-token')).toBe(false);
  });

  it('sends the bare scheme when there are no credentials', async () => {
    const fetch = scriptedFetch(200);
    await sender(fetch).sender.send({ ...config, authentication: { scheme: 'Custom' } }, payload);
    expect(new Headers(fetch.mock.calls[0]![1]?.headers).get('authorization')).toBe('Custom');
  });

  it('retries 5xx, 429 and network errors with a doubling pause', async () => {
    const fetch = scriptedFetch(503, 429, new TypeError('fetch failed'), 200);
    const started = Date.now();
    const { sender: push } = sender(fetch, { maxAttempts: 4, retryDelayMs: 20 });
    const result = await push.send(config, payload);
    expect(result).toMatchObject({ ok: true, attempts: 4, status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40 + 80 - 5);
  });

  it('gives up after maxAttempts and reports the last failure to the logger', async () => {
    const fetch = scriptedFetch(500, 502, 503);
    const { sender: push, logger } = sender(fetch);
    expect(await push.send(config, payload)).toEqual({
      ok: false,
      attempts: 3,
      status: 503,
      error: 'HTTP 503',
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const details = logger.warn.mock.calls[0]![1] as Record<string, unknown>;
    expect(details).toMatchObject({ taskId: 'task-1', configId: 'hook-1', attempts: 3 });
    expect(JSON.stringify(details)).not.toMatch(/secret|abc\.def|tok-123/);
  });

  it.each([400, 401, 404, 410, 302])('does not retry a %i answer', async (status) => {
    const fetch = scriptedFetch(status, 200);
    const result = await sender(fetch).sender.send(config, payload);
    expect(result).toMatchObject({ ok: false, attempts: 1, status });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('ends a stalled attempt after timeoutMs and retries it', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const started = Date.now();
    const result = await sender(fetch, { timeoutMs: 30, maxAttempts: 2 }).sender.send(
      config,
      payload,
    );
    expect(result).toMatchObject({ ok: false, attempts: 2, error: 'timed out after 30 ms' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      controller.abort();
      return new Response(null, { status: 503 });
    });
    const { sender: push } = sender(fetch, { retryDelayMs: 10_000 });
    const result = await push.send(config, payload, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('never rejects: refused URLs, throwing fetch, unserializable payloads, broken loggers', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() => {
      throw new Error('sync failure');
    });
    const broken = new PushNotificationSender({
      fetch,
      maxAttempts: 1,
      logger: {
        warn: () => {
          throw new Error('logger down');
        },
      },
    });
    const local = { ...config, url: 'http://127.0.0.1:9/hook' };
    expect(await broken.send(local, payload)).toMatchObject({ ok: false, attempts: 0 });
    expect(fetch).not.toHaveBeenCalled();
    expect(await broken.send(config, payload)).toMatchObject({ ok: false, error: 'sync failure' });
    const cyclic = { task: { id: 't', status: { state: 'TASK_STATE_WORKING' } } } as StreamResponse;
    (cyclic.task as unknown as Record<string, unknown>).self = cyclic;
    expect(await broken.send(config, cyclic)).toMatchObject({ ok: false, attempts: 0 });
  });

  it('uses globalThis.fetch, looked up at call time, by default', async () => {
    const original = globalThis.fetch;
    const fetch = scriptedFetch(200);
    globalThis.fetch = fetch;
    try {
      expect(await new PushNotificationSender().send(config, payload)).toMatchObject({ ok: true });
      expect(fetch).toHaveBeenCalledTimes(1);
    } finally {
      globalThis.fetch = original;
    }
  });
});
