import { type CreateTaskPushNotificationConfigRequest } from '@baton/protocol';

import { integerOption, stringOption } from '../args.js';
import {
  type Command,
  type CommandContext,
  connectTo,
  takeAgentUrl,
  takeArgs,
} from '../command.js';
import { UsageError } from '../errors.js';
import { EXIT_CODES } from '../exit-codes.js';
import { renderPushConfig } from '../format.js';

const PUSH_DESCRIPTION =
  "Manages a task's push notification configs: webhooks the agent calls with the task's " +
  'updates. The agent must declare capabilities.pushNotifications (else exit 4).';

function webhookUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:')
    throw new UsageError(`the webhook URL must be an http(s) URL, got '${value}'`);
  return value;
}

async function open(context: CommandContext, command: string, names: string[]) {
  const url = takeAgentUrl(context, command);
  const args = takeArgs(context, command, ['<taskId>', ...names]);
  context.errorContext.taskId = args[0];
  const { client } = await connectTo(context, url);
  return { url, args: args as [string, ...string[]], client };
}

/** `baton push create <url> <taskId> <webhookUrl>`. */
export const pushCreateCommand: Command = {
  name: 'push create',
  summary: 'Add a webhook for a task',
  usage: ['push create <url> <taskId> <webhookUrl> [--id <id>] [--token <t>] [options]'],
  description: `${PUSH_DESCRIPTION} Prints the stored config (the agent assigns an id if you give none).`,
  options: {
    id: {
      type: 'string',
      value: '<configId>',
      description: 'Config id (default: the agent assigns one)',
    },
    token: {
      type: 'string',
      value: '<token>',
      description: 'Token the agent sends back with each notification',
    },
    'auth-scheme': {
      type: 'string',
      value: '<scheme>',
      description: 'Auth scheme the agent uses to call the webhook (Bearer, Basic)',
    },
    'auth-credentials': {
      type: 'string',
      value: '<credentials>',
      description: 'Credentials for --auth-scheme',
    },
  },
  examples: [
    'baton push create http://127.0.0.1:4000 9f3c… https://hooks.example.com/a2a --token s3cret',
    'baton push create "$URL" 9f3c… https://hooks.example.com --auth-scheme Bearer --auth-credentials k',
  ],
  async run(context) {
    const { values, out, signal } = context;
    const scheme = stringOption(values, 'auth-scheme');
    const credentials = stringOption(values, 'auth-credentials');
    if (credentials !== undefined && scheme === undefined)
      throw new UsageError(
        '--auth-credentials needs --auth-scheme',
        'e.g. --auth-scheme Bearer --auth-credentials <token>',
      );
    const { args, client } = await open(context, 'push create', ['<webhookUrl>']);
    const [taskId, webhook] = args as [string, string];
    const params: CreateTaskPushNotificationConfigRequest = { taskId, url: webhookUrl(webhook) };
    const id = stringOption(values, 'id');
    if (id) params.id = id;
    const token = stringOption(values, 'token');
    if (token) params.token = token;
    if (scheme)
      params.authentication = credentials === undefined ? { scheme } : { scheme, credentials };
    out.spinner.start('creating the push config');
    const config = await client.createTaskPushNotificationConfig(params, { signal });
    out.spinner.stop();
    if (out.json) out.document(config);
    else out.line(renderPushConfig(config, out.c));
    return EXIT_CODES.OK;
  },
};

/** `baton push get <url> <taskId> <configId>`. */
export const pushGetCommand: Command = {
  name: 'push get',
  summary: "Show one of a task's webhooks",
  usage: ['push get <url> <taskId> <configId>'],
  description: PUSH_DESCRIPTION,
  options: {},
  examples: ['baton push get http://127.0.0.1:4000 9f3c… 4d1a… --json'],
  async run(context) {
    const { args, client } = await open(context, 'push get', ['<configId>']);
    const [taskId, id] = args as [string, string];
    const { out, signal } = context;
    out.spinner.start('fetching the push config');
    const config = await client.getTaskPushNotificationConfig({ taskId, id }, { signal });
    out.spinner.stop();
    if (out.json) out.document(config);
    else out.line(renderPushConfig(config, out.c));
    return EXIT_CODES.OK;
  },
};

/** `baton push list <url> <taskId>`. */
export const pushListCommand: Command = {
  name: 'push list',
  summary: "List a task's webhooks",
  usage: ['push list <url> <taskId> [--page-size <n>] [--page-token <t>]'],
  description: PUSH_DESCRIPTION,
  options: {
    'page-size': { type: 'string', value: '<n>', description: 'Configs per page' },
    'page-token': {
      type: 'string',
      value: '<token>',
      description: 'Continue from this page token',
    },
  },
  examples: ['baton push list http://127.0.0.1:4000 9f3c…'],
  async run(context) {
    const { values, out, signal } = context;
    const pageSize = integerOption(values, 'page-size', { min: 1 });
    const pageToken = stringOption(values, 'page-token');
    const { args, client } = await open(context, 'push list', []);
    out.spinner.start('listing push configs');
    const page = await client.listTaskPushNotificationConfigs(
      { taskId: args[0], ...(pageSize ? { pageSize } : {}), ...(pageToken ? { pageToken } : {}) },
      { signal },
    );
    out.spinner.stop();
    if (out.json) out.document(page);
    else {
      for (const config of page.configs) out.line(renderPushConfig(config, out.c));
      const more = page.nextPageToken ? ` · next page: --page-token ${page.nextPageToken}` : '';
      out.note(out.ce(`${page.configs.length} config(s)${more}`, 'dim'));
    }
    return EXIT_CODES.OK;
  },
};

/** `baton push delete <url> <taskId> <configId>`. */
export const pushDeleteCommand: Command = {
  name: 'push delete',
  summary: "Remove one of a task's webhooks",
  usage: ['push delete <url> <taskId> <configId>'],
  description: `${PUSH_DESCRIPTION} Deleting is idempotent: a config already gone is not an error.`,
  options: {},
  examples: ['baton push delete http://127.0.0.1:4000 9f3c… 4d1a…'],
  async run(context) {
    const { args, client } = await open(context, 'push delete', ['<configId>']);
    const [taskId, id] = args as [string, string];
    const { out, signal } = context;
    out.spinner.start('deleting the push config');
    const result = await client.deleteTaskPushNotificationConfig({ taskId, id }, { signal });
    out.spinner.stop();
    if (out.json) out.document(result);
    else out.line(`deleted push config ${out.c(id, 'bold')} of task ${taskId}`);
    return EXIT_CODES.OK;
  },
};
