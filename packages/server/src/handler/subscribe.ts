import {
  isTerminalState,
  type StreamResponse,
  type SubscribeToTaskRequest,
  UnsupportedOperationError,
} from '@baton/protocol';

import { type CallContext } from '../request-handler.js';
import { type ServerCore } from '../runtime/core.js';
import { endsStream } from '../stream/settles.js';
import { type StreamStart } from '../stream/task-event-stream.js';
import { TaskFollower } from '../stream/task-follower.js';
import { withSequence } from '../task-event.js';
import { requireStreaming } from './gates.js';
import { resolveScope } from './scope.js';
import { isLoggedMessage } from './send-results.js';
import { type StreamRegistry } from './stream-registry.js';
import { findTask } from './task-operations.js';

/**
 * SubscribeToTask: the current task snapshot, then live events until a terminal state (or
 * input-required). With `context.resumeAfter` the log after that sequence number replaces the
 * snapshot. A terminal task → `UnsupportedOperationError` in 1.0; in 0.3 the final task, then
 * the end; with `resumeAfter`, whatever the log holds after it.
 */
export async function subscribeToTask(
  core: ServerCore,
  streams: StreamRegistry,
  params: SubscribeToTaskRequest,
  context: CallContext,
): Promise<AsyncIterable<StreamResponse>> {
  requireStreaming(core.agentCard);
  const { scope } = resolveScope(context, params.tenant);
  const stored = await findTask(core, scope, params.id);
  const { resumeAfter } = context;
  const terminal = isTerminalState(stored.task.status.state);
  if (terminal && resumeAfter === undefined && context.protocolVersion !== '0.3') {
    throw new UnsupportedOperationError(
      `Task ${params.id} is ${stored.task.status.state}; there is nothing left to subscribe to`,
      { metadata: { taskId: params.id } },
    );
  }
  const taskId = stored.task.id;
  const prepare = async (): Promise<StreamStart> => {
    const follower = new TaskFollower(core.store.events, taskId, {
      maxBuffered: core.limits.maxStreamBufferEvents,
      skip: isLoggedMessage,
    });
    try {
      const current = await findTask(core, scope, taskId);
      const done = isTerminalState(current.task.status.state);
      if (resumeAfter !== undefined) {
        if (done && resumeAfter >= current.seq) {
          follower.close();
          return { initial: [] };
        }
        follower.start(resumeAfter);
        return { initial: [], follower };
      }
      const snapshot = withSequence({ task: current.task }, current.seq);
      if (done) {
        follower.close();
        return { initial: [snapshot] };
      }
      follower.start(current.seq);
      return { initial: [snapshot], follower };
    } catch (error) {
      follower.close();
      throw error;
    }
  };
  return streams.open(taskId, { prepare, closeAfter: endsStream, context });
}
