import { type Task, TaskNotFoundError, UnsupportedOperationError } from '@baton/protocol';

import {
  type Command,
  type CommandContext,
  connectTo,
  takeAgentUrl,
  takeArgs,
} from '../command.js';
import { type Connection } from '../connect.js';
import { EXIT_CODES, exitCodeForState } from '../exit-codes.js';
import { renderTask } from '../format.js';
import { LiveView } from '../live-view.js';
import { noteNextSteps } from '../next-steps.js';

/**
 * The agent refused to stream the task: it ended already (1.0 refuses terminal tasks) or the
 * agent does not stream. Show the task as it is instead.
 */
async function showInstead(
  context: CommandContext,
  { client }: Connection,
  id: string,
): Promise<Task> {
  const task = await client.getTask({ id }, { signal: context.signal });
  const { out } = context;
  out.spinner.stop();
  if (out.json) out.ndjson({ task });
  else {
    out.line(renderTask(task, out.c));
    const why = client.supportsStreaming
      ? 'the task has already ended'
      : 'the agent does not stream';
    out.note(out.ce(`→ ${why}; this is the task as it is now`, 'dim'));
  }
  return task;
}

/** `baton subscribe <url> <taskId>`: follow a task's events live. */
export const subscribeCommand: Command = {
  name: 'subscribe',
  summary: "Follow a running task's status and artifacts live",
  usage: ['subscribe <url> <taskId>'],
  description:
    'Streams the task (SubscribeToTask): its current state first, then every status change and ' +
    'artifact until it ends or needs input. Dropped connections are resumed. A task that has ' +
    'already ended is shown as it is. --json prints one event per line (NDJSON).',
  options: {},
  examples: [
    'baton subscribe http://127.0.0.1:4000 9f3c2a1e-…',
    "baton subscribe http://127.0.0.1:4000 9f3c2a1e-… --json | jq -c 'select(.artifactUpdate)'",
  ],
  async run(context) {
    const url = takeAgentUrl(context, 'subscribe');
    const [id] = takeArgs(context, 'subscribe', ['<taskId>']) as [string];
    context.errorContext.taskId = id;
    const connection = await connectTo(context, url);
    const { out, signal } = context;
    const view = new LiveView(out);
    out.spinner.start(`subscribing to task ${id}`);
    try {
      for await (const event of connection.client.subscribeToTask({ id }, { signal }))
        view.apply(event);
    } catch (error) {
      const refused = UnsupportedOperationError.isInstance(error) && !view.tracker.task;
      if (!refused || TaskNotFoundError.isInstance(error)) throw error;
      const task = await showInstead(context, connection, id);
      return exitCodeForState(task.status.state);
    }
    out.spinner.stop();
    out.endLine();
    const task = view.tracker.task;
    if (!task) return EXIT_CODES.OK;
    noteNextSteps(out, url, task);
    return exitCodeForState(task.status.state);
  },
};
