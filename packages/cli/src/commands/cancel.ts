import { type Command, connectTo, takeAgentUrl, takeArgs } from '../command.js';
import { EXIT_CODES } from '../exit-codes.js';
import { renderTask } from '../format.js';

/** `baton cancel <url> <taskId>`: cancel a task. */
export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'Cancel a task',
  usage: ['cancel <url> <taskId>'],
  description:
    'Asks the agent to cancel the task (CancelTask) and prints the task it returns. Exits 0 when ' +
    'the agent accepted; 4 when the task already ended (TaskNotCancelable) or does not exist.',
  options: {},
  examples: [
    'baton cancel http://127.0.0.1:4000 9f3c2a1e-…',
    'baton cancel http://127.0.0.1:4000 9f3c2a1e-… --json | jq -r .status.state',
  ],
  async run(context) {
    const url = takeAgentUrl(context, 'cancel');
    const [id] = takeArgs(context, 'cancel', ['<taskId>']) as [string];
    context.errorContext.taskId = id;
    const { client } = await connectTo(context, url);
    const { out, signal } = context;
    out.spinner.start(`canceling task ${id}`);
    const task = await client.cancelTask({ id }, { signal });
    out.spinner.stop();
    if (out.json) out.document(task);
    else out.line(renderTask(task, out.c));
    return EXIT_CODES.OK;
  },
};
