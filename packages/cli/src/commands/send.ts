import { isTask, userMessage } from '@baton/client';
import {
  type Message,
  type Part,
  type SendMessageConfiguration,
  type SendMessageRequest,
  type Task,
} from '@baton/protocol';

import { integerOption, listOption, stringOption } from '../args.js';
import {
  type Command,
  type CommandContext,
  connectTo,
  takeAgentUrl,
  takeArgs,
} from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { EXIT_CODES, type ExitCode, exitCodeForState } from '../exit-codes.js';
import { renderParts, renderTask } from '../format.js';
import { LiveView } from '../live-view.js';
import { noteNextSteps } from '../next-steps.js';
import { dataPart, filePart } from '../parts.js';

async function buildRequest(
  context: CommandContext,
  text: string | undefined,
): Promise<SendMessageRequest> {
  const { values, io } = context;
  const cwd = io.cwd ?? process.cwd();
  const parts: Part[] = [];
  if (text === '-') {
    if (!io.readStdin) throw new UsageError('cannot read standard input here');
    parts.push({ text: await io.readStdin() });
  } else if (text !== undefined) parts.push({ text });
  for (const path of listOption(values, 'file')) parts.push(await filePart(path, cwd));
  for (const data of listOption(values, 'data')) parts.push(await dataPart(data, cwd));
  if (parts.length === 0) {
    throw new UsageError(
      'nothing to send',
      "give text, --file or --data: baton send <url> 'hello'",
    );
  }
  const taskId = stringOption(values, 'task');
  const contextId = stringOption(values, 'context');
  if (taskId) context.errorContext.taskId = taskId;
  const configuration: SendMessageConfiguration = {};
  const historyLength = integerOption(values, 'history-length');
  if (historyLength !== undefined) configuration.historyLength = historyLength;
  if (values['no-wait'] === true) configuration.returnImmediately = true;
  const accept = listOption(values, 'accept');
  if (accept.length > 0) configuration.acceptedOutputModes = accept;
  const request: SendMessageRequest = { message: userMessage(parts, { taskId, contextId }) };
  if (Object.keys(configuration).length > 0) request.configuration = configuration;
  return request;
}

function finish(
  context: CommandContext,
  url: string,
  result: Task | Message | undefined,
): ExitCode {
  if (!result) {
    throw new CliError(EXIT_CODES.NETWORK_ERROR, 'the stream ended without a task or a message', {
      kind: 'invalid-response',
      hint: 'run again with --verbose, or without --stream',
    });
  }
  if (!isTask(result)) return EXIT_CODES.OK;
  noteNextSteps(context.out, url, result);
  return exitCodeForState(result.status.state);
}

/** `baton send <url> <text>`: send a message, wait for (or stream) the task. */
export const sendCommand: Command = {
  name: 'send',
  summary: 'Send a message and wait for the task (or stream it with --stream)',
  usage: ['send <url> <text> [options]', 'send <url> --file <path> [--data <json>] [options]'],
  description:
    'Sends one message (text, plus any files and JSON data) and prints the outcome: the final ' +
    "task with its artifacts, or the agent's direct reply. By default the call blocks until the " +
    'task completes, fails or needs input; --stream shows status and artifacts live as they ' +
    'happen; --no-wait returns as soon as the task exists. Text "-" reads standard input.\n' +
    'To answer an input-required task, send again with --task (and --context) of that task.',
  options: {
    stream: {
      type: 'boolean',
      short: 's',
      description: 'Stream the task live (SendStreamingMessage)',
    },
    task: {
      type: 'string',
      value: '<taskId>',
      description: 'Continue this task (answer input-required)',
    },
    context: { type: 'string', value: '<contextId>', description: 'Send within this conversation' },
    file: {
      type: 'string',
      short: 'f',
      multiple: true,
      value: '<path>',
      description: 'Attach a file (raw bytes, media type from the extension); repeatable',
    },
    data: {
      type: 'string',
      multiple: true,
      value: '<json>',
      description: 'Attach JSON data: --data \'{"a":1}\' or --data @file.json; repeatable',
    },
    'no-wait': {
      type: 'boolean',
      description: 'Return as soon as the task exists (returnImmediately)',
    },
    'history-length': {
      type: 'string',
      value: '<n>',
      description: 'Return at most n history messages with the task (0: none)',
    },
    accept: {
      type: 'string',
      multiple: true,
      value: '<mediaType>',
      description: 'Output media type you accept (acceptedOutputModes); repeatable',
    },
  },
  examples: [
    "baton send http://127.0.0.1:4000 'Summarize this report' --file report.pdf",
    "baton send http://127.0.0.1:4000 'Write a poem' --stream",
    "baton send http://127.0.0.1:4000 'yes, Paris' --task 9f3c… --context 1b2e…  # answer it",
    "baton send http://127.0.0.1:4000 'plan a trip' --data '{\"days\":3}' --json | jq .task.status",
    "BATON_URL=http://127.0.0.1:4000 baton send 'long job' --no-wait",
  ],
  async run(context) {
    const url = takeAgentUrl(context, 'send');
    const [text] = takeArgs(context, 'send', ['[text]']);
    const { out, values, settings, signal } = context;
    const streaming = values.stream === true;
    if (streaming && values['no-wait'] === true) {
      throw new UsageError(
        '--stream and --no-wait do not go together',
        'pick one; see `baton send --help`',
      );
    }
    const request = await buildRequest(context, text);
    const { client } = await connectTo(context, url);
    if (streaming) {
      if (!client.supportsStreaming) {
        throw new CliError(
          EXIT_CODES.AGENT_ERROR,
          'the agent does not stream (capabilities.streaming is off)',
          {
            kind: 'unsupported',
            hint: 'send without --stream',
          },
        );
      }
      const view = new LiveView(out);
      out.spinner.start('sending');
      for await (const event of client.sendStreamingMessage(request, { signal })) view.apply(event);
      out.spinner.stop();
      out.endLine();
      return finish(context, url, view.tracker.task ?? view.tracker.message);
    }
    const noWait = values['no-wait'] === true;
    out.spinner.start(noWait ? 'sending' : 'waiting for the agent');
    // A blocking send lasts as long as the task: only an explicit --timeout bounds it.
    const timeoutMs = noWait ? undefined : (settings.timeoutMs ?? 0);
    const response = await client.sendMessage(request, { signal, timeoutMs });
    out.spinner.stop();
    if (out.json) out.document(response);
    else if (response.task) out.line(renderTask(response.task, out.c));
    else if (response.message) out.line(renderParts(response.message.parts, out.c));
    return finish(context, url, response.task ?? response.message);
  },
};
