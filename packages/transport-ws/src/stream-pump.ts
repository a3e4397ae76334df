import {
  type ErrorMappingVariant,
  jsonRpcError,
  type JsonRpcId,
  jsonRpcSuccess,
  type ProtocolVersion,
  toA2AError,
} from '@baton/protocol';
import { type DispatchStreamItem } from '@baton/server';

import { STREAM_DONE_RESULT, type StreamEventNotification, WS_METHODS } from './wire.js';

/** What {@link pumpStream} needs of the call and its connection. */
export interface StreamPumpTarget {
  /** The call's id, echoed in every frame. */
  id: JsonRpcId;
  /** Aborted when the call is canceled or the socket closes: nothing more is sent. */
  signal: AbortSignal;
  /** The call's dialect, for an error thrown while streaming. */
  version: ProtocolVersion;
  send(message: unknown): void;
  /** Whether the socket's send buffer is above the high-water mark. */
  congested(): boolean;
  /** Resolves when the buffer drained (or `signal` aborted). */
  drained(signal: AbortSignal): Promise<void>;
  errorMapping: ErrorMappingVariant | undefined;
}

/**
 * Sends a dispatcher stream as `stream/event` notifications, then its end: `{done: true}`, or the
 * error the stream ended with. It reads the next event only while the socket is not congested,
 * so a slow reader pauses the stream (the handler then buffers a bounded number of events and
 * ends the stream with an error past that). A canceled call sends nothing more.
 */
export async function pumpStream(
  events: AsyncIterable<DispatchStreamItem>,
  target: StreamPumpTarget,
): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  const { id, signal } = target;
  try {
    for (;;) {
      if (target.congested()) await target.drained(signal);
      if (signal.aborted) return;
      const step = await iterator.next();
      if (signal.aborted) return;
      if (step.done) {
        target.send(jsonRpcSuccess(id, STREAM_DONE_RESULT));
        return;
      }
      const { seq, body } = step.value;
      if ('error' in body) {
        target.send(body);
        return;
      }
      const frame: StreamEventNotification = {
        jsonrpc: '2.0',
        method: WS_METHODS.streamEvent,
        params: seq === undefined ? { id, result: body.result } : { id, seq, result: body.result },
      };
      target.send(frame);
    }
  } catch (thrown) {
    if (!signal.aborted) {
      target.send(jsonRpcError(id, toA2AError(thrown), target.version, target.errorMapping));
    }
  } finally {
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
