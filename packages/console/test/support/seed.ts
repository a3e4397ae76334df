import { type Message, type StreamResponse, type Task, type TaskState } from '@baton/protocol';
import { applyTaskEvent, type BatonStore } from '@baton/server';

let counter = 0;

/** Options of {@link seedTask}. */
export interface SeedOptions {
  state?: TaskState;
  contextId?: string;
  text?: string;
  tenant?: string;
  /** Status time; default now. */
  at?: Date;
  artifactText?: string;
}

const reduce = (current: { task: Task }, event: StreamResponse) =>
  applyTaskEvent(current.task, event);

/** A user message with one text part. */
export function textMessage(text: string, role: Message['role'] = 'ROLE_USER'): Message {
  return {
    messageId: `m-${++counter}-${Math.random().toString(36).slice(2)}`,
    role,
    parts: [{ text }],
  };
}

/** Writes a task through the event log, as an agent would: created, then events. */
export async function seedTask(store: BatonStore, options: SeedOptions = {}): Promise<Task> {
  const n = ++counter;
  const at = (options.at ?? new Date()).toISOString();
  const task: Task = {
    id: `task-${String(n).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`,
    contextId: options.contextId ?? `ctx-${n}`,
    status: { state: 'TASK_STATE_SUBMITTED', timestamp: at },
    history: [textMessage(options.text ?? `hello ${n}`)],
  };
  await store.events.create({ tenant: options.tenant ?? '', owner: 'someone' }, task);
  const contextId = task.contextId!;
  if (options.artifactText) {
    await store.events.append(
      task.id,
      {
        artifactUpdate: {
          taskId: task.id,
          contextId,
          artifact: { artifactId: 'a1', parts: [{ text: options.artifactText }] },
        },
      },
      reduce,
    );
  }
  const state = options.state ?? 'TASK_STATE_COMPLETED';
  if (state !== 'TASK_STATE_SUBMITTED') {
    const result = await store.events.append(
      task.id,
      {
        statusUpdate: {
          taskId: task.id,
          contextId,
          status: { state, timestamp: at, message: textMessage(`now ${state}`, 'ROLE_AGENT') },
        },
      },
      reduce,
    );
    return result.task.task;
  }
  return task;
}
