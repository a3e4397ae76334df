import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { createNodeRequestListener } from './node.js';
import { respondSse, type SseEvent, sseHostOf, type SseStreamOptions } from './sse.js';

// Both ways of writing SSE on Node give the same bytes and behaviours: serveNode's own writer
// (nativeSse) and the web Response body through hono's adapter (what other runtimes use).

type StreamSpec = Omit<SseStreamOptions<number>, 'toEvent' | 'abort' | 'errorData'> &
  Partial<Pick<SseStreamOptions<number>, 'errorData' | 'toEvent'>>;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** `readHeaders`: the app reads the response's headers before handing it over, as middleware may. */
async function serve(nativeSse: boolean, spec: () => StreamSpec, readHeaders = false) {
  const abort = new AbortController();
  server = createServer(
    createNodeRequestListener(
      {
        fetch: (request, env) => {
          const response = respondSse(
            sseHostOf(env),
            {
              errorData: (error) => ({ error: (error as Error).message }),
              toEvent: (i): SseEvent => ({ id: i + 1, data: { i } }),
              ...spec(),
              abort,
            },
            request,
          );
          if (readHeaders) response.headers.get('content-type');
          return response;
        },
      },
      { nativeSse },
    ),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, abort };
}

async function* numbers(from: number, to: number, failAt?: number) {
  for (let i = from; i < to; i++) {
    if (i === failAt) throw new Error('boom');
    yield i;
  }
}

const pending = (onReturn?: () => void): AsyncIterator<number> => ({
  next: () => new Promise(() => undefined),
  return: async () => (onReturn?.(), { done: true, value: undefined }),
});

describe.each([
  { writer: 'serveNode native', nativeSse: true },
  { writer: 'web Response body', nativeSse: false },
])('SSE written by $writer', ({ nativeSse }) => {
  it('sends the headers, the first event, the rest, then an error event when the source throws', async () => {
    const { url } = await serve(nativeSse, () => ({
      first: { id: 1, data: { i: 0 } },
      rest: numbers(1, 5, 3),
      heartbeatMs: 10_000,
      headers: { 'A2A-Extensions': 'urn:x' },
    }));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('a2a-extensions')).toBe('urn:x');
    expect(await response.text()).toBe(
      'id: 1\ndata: {"i":0}\n\nid: 2\ndata: {"i":1}\n\nid: 3\ndata: {"i":2}\n\n' +
        'data: {"error":"boom"}\n\n',
    );
  });

  it('sends the error event when the source throws at once instead of returning a promise', async () => {
    const { url } = await serve(nativeSse, () => ({
      first: { id: 1, data: { i: 0 } },
      rest: {
        next: () => {
          throw new Error('sync');
        },
      },
      heartbeatMs: 10_000,
    }));
    expect(await (await fetch(url)).text()).toBe(
      'id: 1\ndata: {"i":0}\n\ndata: {"error":"sync"}\n\n',
    );
  });

  it('ends when the source ends, and the connection serves the next request', async () => {
    const { url } = await serve(nativeSse, () => ({ rest: numbers(0, 3), heartbeatMs: 10_000 }));
    for (let round = 0; round < 2; round++) {
      expect(await (await fetch(url)).text()).toBe(
        'id: 1\ndata: {"i":0}\n\nid: 2\ndata: {"i":1}\n\nid: 3\ndata: {"i":2}\n\n',
      );
    }
  });

  it('opens the stream at once without a first event, then sends heartbeats', async () => {
    const { url, abort } = await serve(nativeSse, () => ({ rest: pending(), heartbeatMs: 20 }));
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (text.split(': heartbeat\n\n').length - 1 < 3) text += (await reader.read()).value;
    expect(text.replaceAll(': heartbeat\n\n', '')).toBe('');
    await reader.cancel();
    await expect.poll(() => abort.signal.aborted).toBe(true);
  });

  it('aborts the producer and calls return() as soon as the client goes away', async () => {
    let returned = false;
    const { url, abort } = await serve(nativeSse, () => ({
      first: { data: 'hello' },
      rest: pending(() => (returned = true)),
      heartbeatMs: 10_000,
    }));
    const client = new AbortController();
    const response = await fetch(url, { signal: client.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: "hello"\n\n');
    client.abort();
    await expect.poll(() => abort.signal.aborted).toBe(true);
    await expect.poll(() => returned).toBe(true);
  });

  it('reads no further than the client takes (backpressure)', async () => {
    let pulled = 0;
    const big = 'x'.repeat(64 * 1024);
    // Each event carries 64 KiB; a client that stops reading must stop the source soon after.
    const { url } = await serve(nativeSse, () => ({
      rest: { next: async () => ({ done: false, value: pulled++ }) },
      toEvent: (i) => ({ id: i, data: big }),
      heartbeatMs: 10_000,
    }));
    const response = await fetch(url);
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stalled = pulled;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pulled).toBe(stalled);
    await reader.cancel();
  });
});

/** The raw bytes of a GET to `url` on a connection of its own (`Connection: close`). */
async function rawExchange(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.write(`GET / HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
  let text = '';
  for await (const chunk of socket) text += String(chunk);
  return text;
}

/** The header lines of a raw response, without `Date`. */
const headerLines = (raw: string) =>
  raw
    .slice(0, raw.indexOf('\r\n\r\n'))
    .split('\r\n')
    .filter((line) => !line.toLowerCase().startsWith('date:'));

describe('SSE on the wire', () => {
  it('sends the same headers whether or not the app read them, and what is ready together as one chunk', async () => {
    const raw: string[] = [];
    for (const [nativeSse, readHeaders] of [
      [true, false],
      [true, true],
      [false, false],
    ] as const) {
      if (server) {
        server.closeAllConnections();
        await new Promise((resolve) => server!.close(resolve));
      }
      const spec = () => ({
        first: { id: 1, data: { i: 0 } },
        rest: numbers(1, 3),
        heartbeatMs: 1e4,
      });
      const { url } = await serve(nativeSse, spec, readHeaders);
      raw.push(await rawExchange(url));
    }
    const [native, nativeRead, web] = raw as [string, string, string];
    expect(headerLines(native)).toEqual(headerLines(nativeRead));
    const normalized = (lines: string[]) => lines.map((line) => line.toLowerCase()).sort();
    expect(normalized(headerLines(native))).toEqual(normalized(headerLines(web)));
    const events = 'id: 1\ndata: {"i":0}\n\nid: 2\ndata: {"i":1}\n\nid: 3\ndata: {"i":2}\n\n';
    const body = native.slice(native.indexOf('\r\n\r\n') + 4);
    expect(body).toBe(`${events.length.toString(16)}\r\n${events}\r\n0\r\n\r\n`);
  });
});
