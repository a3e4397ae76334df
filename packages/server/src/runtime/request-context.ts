import { type RequestContext } from '../agent-executor.js';
import { type StoredMessage } from '../message-store.js';
import { type ServerCore } from './core.js';
import { type Run } from './run.js';

/** Builds the `context` an executor gets for a run. */
export function createRequestContext(core: ServerCore, run: Run): RequestContext {
  const { init } = run;
  return {
    taskId: init.taskId,
    contextId: init.contextId,
    message: init.message,
    params: init.params,
    task: run.taskBefore,
    caller: init.caller,
    tenant: init.tenant,
    extensions: init.extensions,
    get signal() {
      return run.signal;
    },
    history: (options) => contextHistory(core, run, options?.limit),
  };
}

/** The messages of the run's context before its incoming message, oldest first. */
async function contextHistory(
  core: ServerCore,
  run: Run,
  limit: number | undefined,
): Promise<StoredMessage[]> {
  const position = run.messagePosition;
  if (position === undefined) {
    // The incoming message could not be stored: list everything and leave it out.
    const all = await core.store.messages.list(run.scope, run.contextId);
    const earlier = all.filter((entry) => entry.message.messageId !== run.init.message.messageId);
    return limit === undefined ? earlier : earlier.slice(-Math.max(0, limit));
  }
  const before = position - 1;
  const count = limit === undefined ? before : Math.max(0, Math.min(limit, before));
  if (count === 0) return [];
  return core.store.messages.list(run.scope, run.contextId, {
    afterPosition: before - count,
    limit: count,
  });
}
