import { isInterruptedState, isTerminalState, type StreamResponse } from '@baton/protocol';

/** Whether an event puts its task in a terminal or interrupted state (a blocking call returns). */
export function settlesTask(event: StreamResponse): boolean {
  const state = event.statusUpdate?.status.state ?? event.task?.status.state;
  return state !== undefined && (isTerminalState(state) || isInterruptedState(state));
}

/**
 * Whether a stream ends after this event: a terminal status, or input-required (the client
 * answers with a new request). Auth-required keeps the stream open: credentials arrive out of
 * band and the task goes on. A task snapshot ends the stream only when it is terminal.
 */
export function endsStream(event: StreamResponse): boolean {
  if (event.statusUpdate) {
    const { state } = event.statusUpdate.status;
    return isTerminalState(state) || state === 'TASK_STATE_INPUT_REQUIRED';
  }
  return event.task !== undefined && isTerminalState(event.task.status.state);
}
