import { type StreamResponse } from '@baton/protocol';

/** One event a client received: its SSE id (the log sequence number) and its JSON-RPC result. */
export interface ReceivedEvent {
  seq: number;
  event: StreamResponse;
}

/** What one client stream received before it ended or broke. */
export interface RecordedStream {
  taskId: string | undefined;
  events: ReceivedEvent[];
  /** Whether the stream ended with an error (connection lost) instead of a clean end. */
  broken: boolean;
  /** The server's JSON-RPC error, if one arrived as the last event. */
  error: unknown;
}

/** Yields SSE events as they arrive; ends when the server closes the stream. */
export async function* sseEvents(
  response: Response,
): AsyncGenerator<{ id: string | undefined; data: unknown }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let id: string | undefined;
        let data: string | undefined;
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) id = line.slice(4);
          else if (line.startsWith('data: ')) data = line.slice(6);
        }
        if (data !== undefined) yield { id, data: JSON.parse(data) as unknown };
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** Options of {@link recordStream}. */
export interface RecordStreamOptions {
  /** `Last-Event-ID` to send (resuming a stream). */
  lastEventId?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called with every event as it arrives. */
  onEvent?: ((received: ReceivedEvent, stream: RecordedStream) => void) | undefined;
}

/**
 * Calls a JSON-RPC 1.0 streaming method and records every event with its SSE id until the stream
 * ends, breaks (the server died) or `signal` aborts. Never rejects on a broken stream.
 */
export async function recordStream(
  url: string,
  method: 'SendStreamingMessage' | 'SubscribeToTask',
  params: object,
  options: RecordStreamOptions = {},
): Promise<RecordedStream> {
  const recorded: RecordedStream = {
    taskId: undefined,
    events: [],
    broken: false,
    error: undefined,
  };
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'A2A-Version': '1.0',
  };
  if (options.lastEventId !== undefined) headers['Last-Event-ID'] = String(options.lastEventId);
  try {
    const response = await fetch(`${url}/a2a/jsonrpc`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: options.signal,
    });
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
      recorded.error = await response.json();
      return recorded;
    }
    for await (const { id, data } of sseEvents(response)) {
      const body = data as { result?: StreamResponse; error?: unknown };
      if (body.error !== undefined) {
        recorded.error = body.error;
        continue;
      }
      const event = body.result!;
      recorded.taskId ??=
        event.task?.id ?? event.statusUpdate?.taskId ?? event.artifactUpdate?.taskId;
      const received = { seq: Number(id), event };
      recorded.events.push(received);
      options.onEvent?.(received, recorded);
    }
  } catch {
    recorded.broken = true;
  }
  return recorded;
}
