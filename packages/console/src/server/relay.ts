import { Hono } from 'hono';

import { type ResolvedConsoleOptions } from '../options.js';
import { readBounded } from './bounded-body.js';
import { ApiError } from './http-errors.js';

/** The header naming the URL a relayed request goes to. */
export const RELAY_URL_HEADER = 'x-baton-relay-url';

const DROP_REQUEST = new Set([
  'host',
  'cookie',
  'origin',
  'referer',
  'connection',
  'content-length',
  'accept-encoding',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
]);
const DROP_RESPONSE = new Set([
  'set-cookie',
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

/**
 * `/api/relay`: carries the browser's A2A calls (made with `@baton/client`) to any agent URL, so
 * the debugger works with agents that send no CORS headers. The target is the
 * `X-Baton-Relay-Url` header; method, body and A2A headers pass through, responses (SSE streams
 * included) are piped back. Bounded in request size, response size, stream lifetime and number
 * of requests open at once.
 */
export function relayRoutes(limits: ResolvedConsoleOptions['relay']): Hono {
  const app = new Hono();
  let open = 0;

  app.all('/relay', async (c) => {
    const target = parseTarget(c.req.header(RELAY_URL_HEADER));
    if (open >= limits.maxConcurrent) throw new ApiError(429, 'too many relayed requests open');
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > limits.maxRequestBytes) throw new ApiError(413, 'request body too large');
    open++;
    let released = false;
    const release = () => {
      if (!released) open--;
      released = true;
    };
    try {
      const method = c.req.method;
      let body: Uint8Array<ArrayBuffer> | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        const read = await readBounded(c.req.raw.body, limits.maxRequestBytes);
        if (read.truncated) throw new ApiError(413, 'request body too large');
        body = read.bytes;
      }
      const headers = new Headers();
      c.req.raw.headers.forEach((value, key) => {
        if (!DROP_REQUEST.has(key) && !key.startsWith('x-baton-')) headers.set(key, value);
      });
      const abort = new AbortController();
      const clientGone = () => abort.abort();
      c.req.raw.signal.addEventListener('abort', clientGone, { once: true });
      const headerTimer = setTimeout(() => abort.abort(), limits.timeoutMs);
      let response: Response;
      try {
        response = await fetch(target, {
          method,
          headers,
          body,
          signal: abort.signal,
          redirect: 'follow',
        });
      } catch {
        throw new ApiError(502, `could not reach ${target.origin}`);
      } finally {
        clearTimeout(headerTimer);
      }
      const streamTimer = setTimeout(() => abort.abort(), limits.maxStreamMs);
      const done = () => {
        clearTimeout(streamTimer);
        c.req.raw.signal.removeEventListener('abort', clientGone);
        release();
      };
      const outHeaders = new Headers();
      response.headers.forEach((value, key) => {
        if (!DROP_RESPONSE.has(key)) outHeaders.set(key, value);
      });
      outHeaders.set('X-Baton-Relayed-From', target.origin);
      if (!response.body) {
        done();
        return new Response(null, { status: response.status, headers: outHeaders });
      }
      return new Response(capped(response.body, limits.maxResponseBytes, done, abort), {
        status: response.status,
        headers: outHeaders,
      });
    } catch (error) {
      release();
      throw error;
    }
  });
  return app;
}

function parseTarget(value: string | undefined): URL {
  if (!value) throw new ApiError(400, `the ${RELAY_URL_HEADER} header is required`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError(400, 'the relay URL is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError(400, 'only http and https URLs can be relayed');
  }
  return url;
}

/** Pipes a body through, ending it with an error once more than `limit` bytes went by. */
function capped(
  body: ReadableStream<Uint8Array>,
  limit: number,
  done: () => void,
  abort: AbortController,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: finished, value } = await reader.read();
        if (finished) {
          done();
          controller.close();
          return;
        }
        size += value.byteLength;
        if (size > limit) {
          abort.abort();
          done();
          controller.error(new Error('relayed response too large'));
          return;
        }
        controller.enqueue(value);
      } catch (error) {
        done();
        controller.error(error);
      }
    },
    async cancel() {
      abort.abort();
      done();
      await reader.cancel().catch(() => undefined);
    },
  });
}
