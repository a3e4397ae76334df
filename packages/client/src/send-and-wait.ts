import {
  type JsonObject,
  type Message,
  type SendMessageConfiguration,
  type SendMessageRequest,
  type StreamResponse,
  type Task,
} from '@baton/protocol';

import { type A2AClient } from './client.js';
import { type StreamOptions } from './client-options.js';
import { A2AClientError } from './errors.js';
import { type MessageInput, type MessageTarget, userMessage } from './message-input.js';
import { callSignal, delay } from './signals.js';
import { TaskTracker } from './task-tracker.js';

/** Options of {@link sendAndWait}. */
export interface SendAndWaitOptions extends Omit<StreamOptions, 'timeoutMs'> {
  /** Continue this task or conversation. */
  target?: MessageTarget | undefined;
  /** SendMessage configuration (output modes, history length, push config). */
  configuration?: SendMessageConfiguration | undefined;
  /** Request metadata. */
  metadata?: JsonObject | undefined;
  /**
   * Called when the task needs input; return the answer to continue the same task, or undefined
   * to stop and get the input-required task back.
   */
  onInputRequired?:
    ((task: Task) => MessageInput | undefined | Promise<MessageInput | undefined>) | undefined;
  /** Sees every stream event (or polled task) as it arrives, with the task folded so far. */
  onEvent?: ((event: StreamResponse, task: Task | undefined) => void) | undefined;
  /** Stream when the agent supports it; `false` forces blocking send + polling. @default card's `capabilities.streaming` */
  streaming?: boolean | undefined;
  /** Interval of GetTask polling when not streaming and the send returned early. @default 1000 */
  pollIntervalMs?: number | undefined;
  /** Time limit for the whole exchange, all turns included. @default none */
  timeoutMs?: number | undefined;
  /** Most answers given through `onInputRequired`. @default 10 */
  maxTurns?: number | undefined;
}

async function viaStream(
  client: A2AClient,
  request: SendMessageRequest,
  options: SendAndWaitOptions,
  signal: AbortSignal,
) {
  const tracker = new TaskTracker();
  for await (const event of client.sendStreamingMessage(request, {
    ...options,
    signal,
    timeoutMs: undefined,
  })) {
    tracker.apply(event);
    options.onEvent?.(event, tracker.task);
  }
  return tracker;
}

async function viaPolling(
  client: A2AClient,
  request: SendMessageRequest,
  options: SendAndWaitOptions,
  signal: AbortSignal,
) {
  const tracker = new TaskTracker();
  const configuration = { ...request.configuration, returnImmediately: false };
  const result = await client.sendMessage(
    { ...request, configuration },
    { ...options, signal, timeoutMs: undefined },
  );
  const first: StreamResponse = result.task ? { task: result.task } : { message: result.message };
  tracker.apply(first);
  options.onEvent?.(first, tracker.task);
  while (!tracker.settled && tracker.task) {
    await delay(options.pollIntervalMs ?? 1000, signal);
    const task = await client.getTask(
      { id: tracker.task.id },
      { ...options, signal, timeoutMs: undefined },
    );
    tracker.apply({ task });
    options.onEvent?.({ task }, tracker.task);
  }
  return tracker;
}

/**
 * Sends a message and waits for the outcome: the final task (terminal, or interrupted when no
 * answer is given), or the agent's direct message reply. Streams when the agent supports it
 * (with resumption), else sends a blocking request and polls GetTask. An `input-required` task
 * is answered through `onInputRequired` and continued in the same task.
 * @example
 * const task = await client.sendAndWait('Book a table for two', {
 *   onInputRequired: (task) => (textOf(task).includes('time') ? '8pm' : undefined),
 * });
 */
export async function sendAndWait(
  client: A2AClient,
  input: MessageInput,
  options: SendAndWaitOptions = {},
): Promise<Task | Message> {
  const call = callSignal(options.signal, options.timeoutMs);
  const streaming = options.streaming ?? client.supportsStreaming;
  let message = userMessage(input, options.target);
  try {
    for (let turn = 0; ; turn++) {
      const request: SendMessageRequest = { message };
      if (options.configuration) request.configuration = options.configuration;
      if (options.metadata) request.metadata = options.metadata;
      const tracker = streaming
        ? await viaStream(client, request, options, call.signal)
        : await viaPolling(client, request, options, call.signal);
      const task = tracker.task;
      if (!task) {
        if (tracker.message) return tracker.message;
        throw new A2AClientError(
          'INVALID_RESPONSE',
          'The agent answered with neither a task nor a message',
        );
      }
      if (task.status.state !== 'TASK_STATE_INPUT_REQUIRED' || !options.onInputRequired)
        return task;
      if (turn >= (options.maxTurns ?? 10)) return task;
      const answer = await options.onInputRequired(task);
      if (answer === undefined) return task;
      message = userMessage(answer, { taskId: task.id, contextId: task.contextId });
    }
  } catch (error) {
    throw call.signal.aborted && A2AClientError.isInstance(call.signal.reason)
      ? call.signal.reason
      : error;
  } finally {
    call.dispose();
  }
}
