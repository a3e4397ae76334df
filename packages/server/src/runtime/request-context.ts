import { type Message, type SendMessageRequest, type Task } from '@baton/protocol';

import { type RequestContext } from '../agent-executor.js';
import { type Caller } from '../caller.js';
import { type StoredMessage } from '../message-store.js';
import { type ServerCore } from './core.js';
import { type Run } from './run.js';

/**
 * The `context` of one run. A class rather than an object literal with a `signal` getter: V8
 * builds such a literal in the runtime, as a dictionary, at ≈ 1.4 KB and several µs. It has the
 * literal's own enumerable members, in the same order, so spreading it copies the same ones.
 */
class RunRequestContext implements RequestContext {
  /** `signal` as an own enumerable getter, one descriptor for every context. */
  static readonly #signal: PropertyDescriptor = {
    get(this: RunRequestContext): AbortSignal {
      return this.#run.signal;
    },
    enumerable: true,
    configurable: true,
  };

  readonly taskId: string;
  readonly contextId: string;
  readonly message: Message;
  readonly params: SendMessageRequest;
  readonly task: Task | undefined;
  readonly caller: Caller;
  readonly tenant: string;
  readonly extensions: readonly string[];
  declare readonly signal: AbortSignal;
  declare readonly history: RequestContext['history'];
  readonly #run: Run;

  constructor(core: ServerCore, run: Run) {
    const { init } = run;
    this.#run = run;
    this.taskId = init.taskId;
    this.contextId = init.contextId;
    this.message = init.message;
    this.params = init.params;
    this.task = run.taskBefore;
    this.caller = init.caller;
    this.tenant = init.tenant;
    this.extensions = init.extensions;
    Object.defineProperty(this, 'signal', RunRequestContext.#signal);
    this.history = (options) => contextHistory(core, run, options?.limit);
  }
}

/** Builds the `context` an executor gets for a run. */
export function createRequestContext(core: ServerCore, run: Run): RequestContext {
  return new RunRequestContext(core, run);
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
