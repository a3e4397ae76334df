import {
  type OperationName,
  type OperationParams,
  type StreamResponse,
  type SubscribeToTaskRequest,
  UnsupportedOperationError,
} from '@baton/protocol';

import { type CarrierResponse } from './carrier/carrier.js';
import { A2AClientError } from './errors.js';
import { exchange, type ExchangeOptions, type ExchangeTarget } from './exchange.js';
import { type RetryOptions } from './retry.js';
import { type CallSignal, callSignal, delay } from './signals.js';
import { sameStatus, TaskTracker } from './task-tracker.js';

/** How a dropped stream is resumed. */
export interface ResumeOptions {
  /** Reconnections in a row without a new event before giving up. @default 5 */
  maxAttempts?: number | undefined;
  /** Wait before the first reconnection; grows linearly with each failed one. @default 250 */
  delayMs?: number | undefined;
}

/** What a resumable stream needs from the client. */
export interface StreamSettings {
  target: ExchangeTarget;
  retry: Required<RetryOptions>;
  extensions: readonly string[];
  headers?: HeadersInit | undefined;
  /** `false` turns resumption off. */
  resume: Required<ResumeOptions> | false;
  /** The card declares Baton's resumable-streams extension: resume with `Last-Event-ID`. */
  eventIds: boolean;
  /** Fetches the task when a resubscription is refused because it already ended. */
  getTask: (id: string, signal: AbortSignal) => Promise<StreamResponse>;
}

interface Connection {
  operation: OperationName;
  params: unknown;
  lastEventId?: string | undefined;
  resumed: boolean;
}

function isDrop(error: unknown, signal: AbortSignal): boolean {
  return !signal.aborted && A2AClientError.isInstance(error, 'NETWORK_ERROR');
}

async function open(
  settings: StreamSettings,
  connection: Connection,
  call: CallSignal,
  attempt: number,
): Promise<CarrierResponse> {
  const options: ExchangeOptions = {
    signal: call.signal,
    retry: settings.retry,
    extensions: settings.extensions,
    headers: settings.headers,
    lastEventId: connection.lastEventId,
    firstAttempt: attempt,
  };
  const op = connection.operation;
  const response = await exchange(
    settings.target,
    op,
    connection.params as OperationParams<typeof op>,
    options,
  );
  if (response.events) return response;
  // Not a stream: an error before the stream opened, sent as a plain response.
  settings.target.transport.codec.decodeResponse(op, response);
  throw new A2AClientError('INVALID_RESPONSE', `${op} was answered without an event stream`, {
    status: response.status,
    body: response.text,
  });
}

/** On a resubscription without event ids: what the caller has seen already. */
function isDuplicate(tracker: TaskTracker, event: StreamResponse, first: boolean): boolean {
  if (event.task) return first && tracker.knows(event.task);
  const known = tracker.task?.status;
  return (
    event.statusUpdate !== undefined &&
    known !== undefined &&
    sameStatus(known, event.statusUpdate.status)
  );
}

/**
 * Runs a streaming operation and resumes it when the connection drops or closes before the task
 * settles: with `Last-Event-ID` on Baton (events after the last one seen, duplicates dropped by
 * sequence number), else by SubscribeToTask (its snapshot delivered only when it says something
 * new, then live events). Stopping the iteration closes the connection at once.
 */
export async function* resumableStream(
  settings: StreamSettings,
  operation: OperationName,
  params: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): AsyncGenerator<StreamResponse> {
  // The timer starts with the iteration, not when the generator is made.
  const call = callSignal(signal, timeoutMs);
  const { codec } = settings.target.transport;
  const tracker = new TaskTracker();
  let taskId = operation === 'SubscribeToTask' ? (params as SubscribeToTaskRequest).id : undefined;
  const tenant = (params as { tenant?: string } | undefined)?.tenant;
  let lastEventId: string | undefined;
  let lastSeq = -1;
  let failures = 0;
  let attempt = 1;
  let connection: Connection = { operation, params, resumed: false };
  let cause: unknown;
  try {
    for (;;) {
      let response: CarrierResponse | undefined;
      try {
        response = await open(settings, connection, call, attempt);
      } catch (error) {
        if (connection.resumed && UnsupportedOperationError.isInstance(error) && taskId) {
          // 1.0 refuses to subscribe to a finished task: its final state comes from GetTask.
          const snapshot = await settings.getTask(taskId, call.signal);
          if (snapshot.task && !tracker.knows(snapshot.task)) yield snapshot;
          return;
        }
        if (!connection.resumed || !isDrop(error, call.signal)) throw error;
        cause = error;
      }
      call.stopTimer();
      let first = true;
      try {
        for await (const raw of response?.events ?? []) {
          const event = codec.decodeEvent(connection.operation, raw);
          const seq = raw.id !== undefined && /^\d+$/.test(raw.id) ? Number(raw.id) : undefined;
          const isFirst = first;
          first = false;
          if (seq !== undefined && seq <= lastSeq) continue;
          if (connection.resumed && seq === undefined && isDuplicate(tracker, event, isFirst))
            continue;
          if (seq !== undefined) lastSeq = seq;
          if (raw.id !== undefined) lastEventId = raw.id;
          tracker.apply(event);
          taskId ??= tracker.task?.id;
          failures = 0;
          yield event;
        }
      } catch (error) {
        if (!isDrop(error, call.signal)) throw error;
        cause = error;
      }
      if (tracker.settled) return;
      const resume = settings.resume;
      if (resume === false || taskId === undefined || failures >= resume.maxAttempts) {
        throw new A2AClientError(
          'NETWORK_ERROR',
          taskId === undefined
            ? 'The stream broke before the agent named a task, so it cannot be resumed'
            : `The stream of task ${taskId} ended before the task settled`,
          cause === undefined ? {} : { cause },
        );
      }
      failures++;
      attempt++;
      cause = undefined;
      await delay(resume.delayMs * failures, call.signal);
      const subscribe: SubscribeToTaskRequest = tenant ? { id: taskId, tenant } : { id: taskId };
      connection = {
        operation: 'SubscribeToTask',
        params: subscribe,
        lastEventId: settings.eventIds ? lastEventId : undefined,
        resumed: true,
      };
    }
  } finally {
    call.abort(new A2AClientError('ABORTED', 'The stream was closed by its consumer'));
    call.dispose();
  }
}
