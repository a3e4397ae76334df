import { type Task } from '@baton/protocol';

/** How much of a task a response shows. */
export interface TaskViewOptions {
  /** Unset: the whole history; 0: no `history` key; n: the n most recent messages. */
  historyLength?: number | undefined;
  /** @default true; false removes the `artifacts` key (ListTasks). */
  includeArtifacts?: boolean | undefined;
}

/** The task as a response shows it, with `historyLength` and `includeArtifacts` applied. */
export function viewTask(task: Task, options: TaskViewOptions = {}): Task {
  const view: Task = { ...task };
  const { historyLength } = options;
  if (historyLength !== undefined) {
    if (historyLength <= 0) delete view.history;
    else if (view.history && view.history.length > historyLength) {
      view.history = view.history.slice(-historyLength);
    }
  }
  if (options.includeArtifacts === false) delete view.artifacts;
  return view;
}
