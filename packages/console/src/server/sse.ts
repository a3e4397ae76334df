/** Writes Server-Sent Events into a response stream. */
export interface SseSink {
  /** Sends one event; `data` is sent as JSON. */
  send(event: string, data: unknown, id?: string | number): void;
  /** Ends the stream. */
  close(): void;
}

const encoder = new TextEncoder();

/**
 * A `text/event-stream` response: `start` wires up the sources and returns the cleanup to run
 * when the client goes away or the stream is closed. A comment is sent every `heartbeatMs` so
 * proxies keep the connection open.
 */
export function sseResponse(
  signal: AbortSignal,
  start: (sink: SseSink) => (() => void) | Promise<() => void>,
  heartbeatMs = 15_000,
): Response {
  let cleanup: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const finish = () => {
        if (closed) return;
        closed = true;
        if (timer) clearInterval(timer);
        cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const sink: SseSink = {
        send(event, data, id) {
          const idLine = id === undefined ? '' : `id: ${id}\n`;
          write(`event: ${event}\n${idLine}data: ${JSON.stringify(data)}\n\n`);
        },
        close: finish,
      };
      signal.addEventListener('abort', finish, { once: true });
      write(': connected\n\n');
      timer = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      try {
        const stop = await start(sink);
        if (closed) stop();
        else cleanup = stop;
      } catch (error) {
        sink.send('error', { error: error instanceof Error ? error.message : 'stream failed' });
        finish();
      }
    },
    cancel() {
      closed = true;
      if (timer) clearInterval(timer);
      cleanup?.();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
