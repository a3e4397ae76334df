import { integerOption } from '../args.js';
import { type Command, connectTo, takeAgentUrl, takeArgs } from '../command.js';
import { exitCodeForState } from '../exit-codes.js';
import { renderTask } from '../format.js';
import { noteNextSteps } from '../next-steps.js';

/** `baton get <url> <taskId>`: show one task. */
export const getCommand: Command = {
  name: 'get',
  summary: 'Show a task: state, status message, history, artifacts',
  usage: ['get <url> <taskId> [--history-length <n>]'],
  description:
    "Fetches the task (GetTask) and prints it. The exit code follows the task's state, so " +
    'scripts can wait on it: 0 completed or still running, 2 failed/rejected/canceled, 3 needs input.',
  options: {
    'history-length': {
      type: 'string',
      value: '<n>',
      description: 'At most n history messages (0: none; default: what the agent gives)',
    },
  },
  examples: [
    'baton get http://127.0.0.1:4000 9f3c2a1e-…',
    'baton get http://127.0.0.1:4000 9f3c2a1e-… --json | jq -r .status.state',
    'until baton get "$URL" "$ID" --history-length 0 >/dev/null; [ $? -ne 0 ]; do sleep 2; done',
  ],
  async run(context) {
    const url = takeAgentUrl(context, 'get');
    const [id] = takeArgs(context, 'get', ['<taskId>']) as [string];
    context.errorContext.taskId = id;
    const historyLength = integerOption(context.values, 'history-length');
    const { client } = await connectTo(context, url);
    const { out, signal } = context;
    out.spinner.start(`fetching task ${id}`);
    const task = await client.getTask(
      historyLength === undefined ? { id } : { id, historyLength },
      { signal },
    );
    out.spinner.stop();
    if (out.json) out.document(task);
    else {
      out.line(renderTask(task, out.c, { history: true }));
      noteNextSteps(out, url, task);
    }
    return exitCodeForState(task.status.state);
  },
};
