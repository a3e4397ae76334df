import {
  InvalidAgentResponseError,
  isTerminalState,
  parseProtocol,
  type StreamResponse,
  StreamResponseSchema,
  type Task,
} from '@baton/protocol';

/**
 * Checks that an event is well-formed A2A content (the protocol schemas: one of the four kinds,
 * non-empty parts, valid enums…). Throws `InvalidAgentResponseError` naming every bad field.
 */
export function checkEventContent(event: StreamResponse): void {
  const result = parseProtocol(StreamResponseSchema, event);
  if (result.success) return;
  const fields = result.violations
    .map(({ field, description }) => (field ? `${field}: ${description}` : description))
    .join('; ');
  throw new InvalidAgentResponseError(`Invalid task event: ${fields}`);
}

/**
 * Checks that an event may be applied to a task: it names this task (and its context), the task
 * is not in a terminal state, and it is not a second `task` snapshot. Throws
 * `InvalidAgentResponseError` otherwise. Stores call this inside their atomic append, so a race
 * (say, cancel against completion) still ends with exactly one terminal state.
 */
export function checkEventApplies(task: Task, event: StreamResponse): void {
  const refuse = (why: string): never => {
    throw new InvalidAgentResponseError(why, { metadata: { taskId: task.id } });
  };
  if (event.task) refuse(`Task ${task.id} already exists; a task snapshot is only its first event`);
  const update = event.statusUpdate ?? event.artifactUpdate;
  const ids = update ?? { taskId: event.message?.taskId, contextId: event.message?.contextId };
  if (ids.taskId !== undefined && ids.taskId !== task.id) {
    refuse(`The event is for task ${ids.taskId}, not for task ${task.id}`);
  }
  if (ids.contextId !== undefined && task.contextId !== undefined) {
    if (ids.contextId !== task.contextId) {
      refuse(
        `The event is for context ${ids.contextId}, but task ${task.id} is in ${task.contextId}`,
      );
    }
  }
  if (event.statusUpdate?.status.state === 'TASK_STATE_UNSPECIFIED') {
    refuse('A task cannot be set to TASK_STATE_UNSPECIFIED');
  }
  if (isTerminalState(task.status.state)) {
    refuse(`Task ${task.id} is already ${task.status.state}; it accepts no more events`);
  }
}

/**
 * Both checks of an event against the task it is written to: well-formed content
 * ({@link checkEventContent}) and applicable to this task now ({@link checkEventApplies}).
 */
export function validateTaskEvent(task: Task, event: StreamResponse): void {
  checkEventContent(event);
  checkEventApplies(task, event);
}
