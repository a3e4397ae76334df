import { A2AClient, isStreamingOperation } from '@baton/client';
import {
  type AgentCard,
  type OperationName,
  type ProtocolVersion,
  type StreamResponse,
} from '@baton/protocol';

import { type CallRecord, newCall, recordingFetch } from './recorder.js';

/** The ids a call's answer named, so later calls (and replays) can continue the same task. */
export interface CallIds {
  taskId?: string | undefined;
  contextId?: string | undefined;
  /** The task's last known state, when the answer named one. */
  state?: string | undefined;
}

/** Which ids an answer names: a task, a message, or a stream event. */
export function idsOf(value: unknown): CallIds {
  const v = (value ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const task = v.task ?? (typeof v.id === 'string' && v.status ? v : undefined);
  if (task) {
    const state = (task.status as { state?: string } | undefined)?.state;
    return { taskId: task.id as string, contextId: task.contextId as string | undefined, state };
  }
  if (v.statusUpdate) {
    const { taskId, contextId, status } = v.statusUpdate as {
      taskId: string;
      contextId: string;
      status?: { state?: string };
    };
    return { taskId, contextId, state: status?.state };
  }
  const event = v.artifactUpdate;
  if (event) return { taskId: event.taskId as string, contextId: event.contextId as string };
  if (v.message)
    return {
      taskId: v.message.taskId as string | undefined,
      contextId: v.message.contextId as string | undefined,
    };
  return {};
}

/** Where a call goes: the card and the interface picked in it. */
export interface CallTarget {
  card: AgentCard;
  agentUrl: string;
  binding: string;
  version: string;
  /** Extra headers on every request (credentials for agents that need them). */
  headers?: Record<string, string> | undefined;
}

/**
 * Runs one operation with a client bound to the chosen interface, recording every byte through
 * the relay. Retries and stream resumption are off so what is shown is what happened.
 */
export async function runCall(
  target: CallTarget,
  operation: OperationName,
  params: unknown,
  changed: (call: CallRecord) => void,
  signal?: AbortSignal,
): Promise<CallRecord & { ids: CallIds }> {
  const call = newCall(operation, params, target) as CallRecord & { ids: CallIds };
  call.ids = {};
  const notify = () => changed(call);
  const client = new A2AClient(target.card, {
    fetch: recordingFetch(call, notify),
    preferences: [{ binding: target.binding, version: target.version as ProtocolVersion }],
    headers: target.headers,
    retry: false,
    resume: false,
  });
  const started = performance.now();
  try {
    if (isStreamingOperation(operation)) {
      const events: StreamResponse[] = [];
      for await (const event of client.stream(operation, params as never, { signal })) {
        events.push(event);
        call.ids = {
          ...call.ids,
          ...Object.fromEntries(Object.entries(idsOf(event)).filter(([, v]) => v)),
        };
      }
      call.outcome = { events: events.length, last: events.at(-1) };
    } else {
      const result = await client.call(operation as never, params as never, { signal });
      call.outcome = result;
      call.ids = idsOf(result);
    }
  } catch (error) {
    call.error = String(error);
  }
  call.durationMs = Math.round(performance.now() - started);
  notify();
  return call;
}
