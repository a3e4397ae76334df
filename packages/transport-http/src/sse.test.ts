import { describe, expect, it } from 'vitest';

import { formatSseEvent, openEventStream, type SseEvent, sseResponse } from './sse.js';

async function* items(count: number, failAt?: number) {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error('boom');
    yield i;
  }
}

describe('formatSseEvent', () => {
  it('writes an id line and one data line, even for text with line breaks', () => {
    expect(formatSseEvent({ id: 3, data: { text: 'a\nb' } })).toBe(
      'id: 3\ndata: {"text":"a\\nb"}\n\n',
    );
    expect(formatSseEvent({ data: 1 })).toBe('data: 1\n\n');
  });
});

describe('sseResponse', () => {
  it('streams every event, then sends an error event when the source throws', async () => {
    const opened = await openEventStream(items(5, 2), (i) => ({ id: i + 1, data: { i } }));
    const response = sseResponse({
      ...opened,
      heartbeatMs: 10_000,
      abort: new AbortController(),
      errorData: (error) => ({ error: (error as Error).message }),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await response.text()).toBe(
      'id: 1\ndata: {"i":0}\n\nid: 2\ndata: {"i":1}\n\ndata: {"error":"boom"}\n\n',
    );
  });

  it('rejects when the very first item fails, so it can be answered as plain JSON', async () => {
    await expect(openEventStream(items(3, 0), (i) => ({ data: i }))).rejects.toThrow('boom');
    // A source that throws instead of returning a rejected promise: the same, never a throw.
    const throwing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          throw new Error('sync');
        },
      }),
    };
    const opened = openEventStream(throwing, (i) => ({ data: i }));
    await expect(opened).rejects.toThrow('sync');
  });

  it('has no first event for an empty source, which it closes', async () => {
    let returned = false;
    const empty: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: true, value: undefined }),
        return: async () => ((returned = true), { done: true, value: undefined }),
      }),
    };
    const opened = await openEventStream(empty, (i) => ({ data: i }));
    expect(opened.first).toBeUndefined();
    expect(returned).toBe(true);
    expect(await opened.rest.next()).toEqual({ done: true, value: undefined });
  });

  it('aborts the producer and calls return() as soon as the reader cancels', async () => {
    let returned = false;
    const abort = new AbortController();
    const source: AsyncIterable<SseEvent> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise(() => undefined),
        return: async () => ((returned = true), { done: true, value: undefined }),
      }),
    };
    const response = sseResponse({
      first: { data: 'hello' },
      rest: source[Symbol.asyncIterator](),
      toEvent: (event) => event,
      heartbeatMs: 10_000,
      abort,
      errorData: () => null,
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(abort.signal.aborted).toBe(true);
    expect(returned).toBe(true);
  });

  it('ends at once when the request signal aborts', async () => {
    const request = new AbortController();
    const abort = new AbortController();
    const response = sseResponse(
      {
        first: { data: 'hello' },
        rest: { next: () => new Promise<IteratorResult<SseEvent>>(() => undefined) },
        toEvent: (event: SseEvent) => event,
        heartbeatMs: 10_000,
        abort,
        errorData: () => null,
      },
      request.signal,
    );
    const text = response.text();
    request.abort();
    expect(await text).toBe('data: "hello"\n\n');
    expect(abort.signal.aborted).toBe(true);
  });

  it('writes heartbeat comments at the configured interval', async () => {
    const abort = new AbortController();
    const response = sseResponse({
      rest: { next: () => new Promise<IteratorResult<SseEvent>>(() => undefined) },
      toEvent: (event: SseEvent) => event,
      heartbeatMs: 10,
      abort,
      errorData: () => null,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (text.split(': heartbeat\n\n').length - 1 < 3) text += (await reader.read()).value;
    await reader.cancel();
    expect(abort.signal.aborted).toBe(true);
  });
});
