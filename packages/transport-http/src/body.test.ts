import { describe, expect, it } from 'vitest';

import { BodyDeadlines, readBody } from './body.js';

const never = new Promise<never>(() => undefined);
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value, at: performance.now() }),
    (error: Error) => ({ error: error.message, at: performance.now() }),
  );

describe('BodyDeadlines', () => {
  it('rejects each stalled read at its own deadline, with one timer for all of them', async () => {
    const deadlines = BodyDeadlines.for(60);
    const start = performance.now();
    const first = outcome(deadlines.race(never));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = outcome(deadlines.race(never));
    const quick = outcome(deadlines.race(Promise.resolve('body')));
    const failing = outcome(deadlines.race(Promise.reject(new Error('reset'))));
    expect(await quick).toMatchObject({ value: 'body' });
    expect(await failing).toMatchObject({ error: 'reset' });
    expect(deadlines.waiting).toBe(2);
    const a = await first;
    expect(a).toMatchObject({ error: 'Request body not received within 60 ms' });
    expect(a.at - start).toBeGreaterThanOrEqual(59);
    // The second read was still waiting when the first timed out: it gets its own 60 ms.
    expect(deadlines.waiting).toBe(1);
    const b = await second;
    expect(b).toMatchObject({ error: 'Request body not received within 60 ms' });
    expect(b.at - start).toBeGreaterThanOrEqual(89);
    expect(deadlines.waiting).toBe(0);
  });

  it('never rejects a read that settled, however late the timer runs', async () => {
    const deadlines = BodyDeadlines.for(20);
    let arrive!: (body: string) => void;
    const read = deadlines.race(new Promise<string>((resolve) => (arrive = resolve)));
    arrive('late but in time');
    expect(await read).toBe('late but in time');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(deadlines.waiting).toBe(0);
  });
});

/** A POST whose body is `body`, read as a stream (no Content-Length). */
function streamed(body: ReadableStream<Uint8Array>): Request {
  // `duplex` is required by Node for a stream body; the DOM typings do not know it yet.
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, duplex: 'half' };
  return new Request('http://127.0.0.1/', init);
}

describe('readBody', () => {
  it('cancels a streamed body that stalls, and answers 408', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"jsonrpc":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    // No Content-Length: the body is read as a stream.
    const request = streamed(body);
    expect(request.headers.get('content-length')).toBeNull();
    await expect(readBody(request, { maxBytes: 1024, timeoutMs: 50 })).rejects.toMatchObject({
      message: 'Request body not received within 50 ms',
    });
    await expect.poll(() => cancelled).toBe(true);
  });

  it('reads a streamed body in chunks, and cuts it off past the limit', async () => {
    const streamOf = (...parts: string[]) =>
      streamed(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
            controller.close();
          },
        }),
      );
    const limits = { maxBytes: 16, timeoutMs: 1000 };
    expect(await readBody(streamOf('{"a":', '"é"}'), limits)).toBe('{"a":"é"}');
    await expect(readBody(streamOf('0123456789', '0123456789'), limits)).rejects.toMatchObject({
      code: -32600,
    });
  });
});
