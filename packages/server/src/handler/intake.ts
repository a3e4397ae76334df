import {
  InvalidParamsError,
  isTerminalState,
  type Message,
  type SendMessageRequest,
  TaskNotFoundError,
  UnsupportedOperationError,
} from '@baton/protocol';

import { checkMessageBounds } from '../limits.js';
import { assertWebhookUrlAllowed } from '../push/url-guard.js';
import { type CallContext } from '../request-handler.js';
import { type ServerCore } from '../runtime/core.js';
import { Run } from '../runtime/run.js';
import { type RuntimeRegistry } from '../runtime/runtime-registry.js';
import { terminalTaskError } from '../runtime/task-runtime.js';
import { withMembers } from '../with-members.js';
import { activateExtensions, checkInputModes, requirePush } from './gates.js';
import { checkHistoryLength, resolveScope } from './scope.js';

/** An accepted message: its run, and whether it started or waits behind a running one. */
export interface Intake {
  run: Run;
  placement: 'started' | 'queued';
}

/** What intake needs beyond the core. */
export interface IntakeHost {
  core: ServerCore;
  registry: RuntimeRegistry;
  allowPrivateUrls: boolean;
  /** Set once shutdown began: new messages are refused. */
  closing: boolean;
}

function invalid(field: string, description: string): InvalidParamsError {
  return new InvalidParamsError(`${field} ${description}`, {
    fieldViolations: [{ field, description }],
  });
}

/** Checks an incoming message's shape where the params schema may not have run. */
function checkIncoming(message: Message): void {
  if (!message || typeof message !== 'object') throw invalid('message', 'is required');
  if (!message.messageId) throw invalid('message.messageId', 'is required');
  if (message.role !== 'ROLE_USER') throw invalid('message.role', 'must be ROLE_USER');
  if (!Array.isArray(message.parts) || message.parts.length === 0) {
    throw invalid('message.parts', 'must have at least one part');
  }
}

/**
 * Applies every SendMessage rule before any work starts (A2A §8): shutdown, required extensions,
 * message shape and bounds, accepted media types, push capability and webhook URL, then new task
 * versus continued task (unknown → TaskNotFound, terminal → UnsupportedOperation, another context
 * → InvalidParams). Returns the run, started or queued behind the task's running executor.
 */
export async function acceptMessage(
  host: IntakeHost,
  params: SendMessageRequest,
  context: CallContext = {},
): Promise<Intake> {
  const { core, registry } = host;
  if (host.closing) {
    throw new UnsupportedOperationError('The server is shutting down and accepts no new messages');
  }
  const extensions = activateExtensions(core.agentCard, context.requestedExtensions);
  const { message } = params;
  checkIncoming(message);
  checkMessageBounds(message, core.limits);
  checkInputModes(core.agentCard, message);
  checkHistoryLength(params.configuration?.historyLength, 'configuration.historyLength');
  const pushConfig = params.configuration?.taskPushNotificationConfig;
  if (pushConfig) {
    requirePush(core.agentCard);
    assertWebhookUrlAllowed(pushConfig.url, {
      allowPrivateUrls: host.allowPrivateUrls,
      field: 'configuration.taskPushNotificationConfig.url',
    });
  }
  const { scope, caller, tenant } = resolveScope(context, params.tenant);
  const ownership = { tenant, owner: caller.id };
  if (message.taskId) {
    const stored = await core.store.tasks.get(scope, message.taskId);
    if (!stored) {
      throw new TaskNotFoundError(`Task ${message.taskId} was not found`, {
        metadata: { taskId: message.taskId },
      });
    }
    const { task } = stored;
    if (isTerminalState(task.status.state)) throw terminalTaskError(task.id, task.status.state);
    const contextId = task.contextId ?? task.id;
    if (message.contextId && message.contextId !== contextId) {
      throw invalid('message.contextId', `does not match the context of task ${task.id}`);
    }
    if (pushConfig) {
      await core.putPushConfig({
        ...pushConfig,
        taskId: task.id,
        id: pushConfig.id || core.newId(),
      });
    }
    const filled: Message = withMembers(message, { taskId: task.id, contextId });
    const run = new Run({
      taskId: task.id,
      contextId,
      message: filled,
      params: { ...params, message: filled },
      caller,
      tenant,
      extensions,
      existing: task,
    });
    const runtime = registry.obtain({
      taskId: task.id,
      contextId,
      ownership,
      state: task.status.state,
    });
    return { run, placement: runtime.submit(run) };
  }
  const taskId = core.newId();
  const contextId = message.contextId || core.newId();
  const filled: Message = withMembers(message, { taskId, contextId });
  const run = new Run({
    taskId,
    contextId,
    message: filled,
    params: { ...params, message: filled },
    caller,
    tenant,
    extensions,
    existing: undefined,
  });
  const runtime = registry.obtain({
    taskId,
    contextId,
    ownership,
    creation: {
      message: filled,
      pushConfig,
      onCreated: () => run.outcome.resolve({ kind: 'task' }),
    },
  });
  return { run, placement: runtime.submit(run) };
}
