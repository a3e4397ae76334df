import { textOf } from '@baton/client';
import { type ListTasksRequest, type ListTasksResponse, type Task } from '@baton/protocol';

import { integerOption, stringOption } from '../args.js';
import {
  type Command,
  type CommandContext,
  connectTo,
  takeAgentUrl,
  takeArgs,
} from '../command.js';
import { EXIT_CODES } from '../exit-codes.js';
import { colouredState, stateLabel } from '../format.js';
import { type Output } from '../output.js';
import { parseSince, parseTaskState } from '../values.js';

/** Most pages `--all` follows before it stops (a safety net against a cursor that never ends). */
const MAX_PAGES = 1000;

function requestFrom(context: CommandContext): ListTasksRequest {
  const { values } = context;
  const request: ListTasksRequest = {};
  const contextId = stringOption(values, 'context');
  if (contextId) request.contextId = contextId;
  const state = stringOption(values, 'state');
  if (state) request.status = parseTaskState(state);
  const pageSize = integerOption(values, 'page-size', { min: 1 });
  if (pageSize !== undefined) request.pageSize = pageSize;
  const pageToken = stringOption(values, 'page-token');
  if (pageToken) request.pageToken = pageToken;
  const since = stringOption(values, 'since');
  if (since) request.statusTimestampAfter = parseSince(since);
  const historyLength = integerOption(values, 'history-length');
  if (historyLength !== undefined) request.historyLength = historyLength;
  if (values.artifacts === true) request.includeArtifacts = true;
  return request;
}

function shortTime(timestamp: string | undefined): string {
  if (!timestamp) return '—'.padEnd(19);
  return timestamp.replace('T', ' ').slice(0, 19);
}

function printRows(out: Output, tasks: readonly Task[]): void {
  const c = out.c;
  for (const task of tasks) {
    const state =
      colouredState(task.status.state, c) +
      ' '.repeat(Math.max(1, 15 - stateLabel(task.status.state).length));
    const text = textOf(task).replace(/\s+/g, ' ').trim();
    const snippet = text.length > 60 ? `${text.slice(0, 59)}…` : text;
    out.line(
      `${task.id}  ${state}${c(shortTime(task.status.timestamp), 'dim')}  ${c((task.contextId ?? '').slice(0, 8), 'dim')}  ${snippet}`,
    );
  }
}

/** `baton list <url>`: list tasks with filters and paging. */
export const listCommand: Command = {
  name: 'list',
  summary: 'List tasks (filter by context, state, time; page or --all)',
  usage: ['list <url> [--context <id>] [--state <state>] [--since <time>] [options]'],
  description:
    'Lists the tasks the agent lets you see (ListTasks, A2A 1.0), newest status first. Pages ' +
    'with --page-size and --page-token, or follows every page with --all. --json prints the ' +
    'ListTasks response (with --all: every task in one document).',
  options: {
    context: {
      type: 'string',
      value: '<contextId>',
      description: 'Only tasks of this conversation',
    },
    state: {
      type: 'string',
      value: '<state>',
      description: 'Only tasks in this state: working, input-required, completed, failed, …',
    },
    since: {
      type: 'string',
      value: '<time>',
      description: 'Only tasks updated since: an ISO time, or a duration back (30m, 2h, 1d)',
    },
    'page-size': {
      type: 'string',
      value: '<n>',
      description: 'Tasks per page (1–100; agent default 50)',
    },
    'page-token': {
      type: 'string',
      value: '<token>',
      description: 'Continue from this page token',
    },
    all: { type: 'boolean', description: 'Follow every page' },
    'history-length': {
      type: 'string',
      value: '<n>',
      description: 'History messages per task (0: none)',
    },
    artifacts: { type: 'boolean', description: 'Include artifacts (includeArtifacts)' },
  },
  examples: [
    'baton list http://127.0.0.1:4000',
    'baton list http://127.0.0.1:4000 --state input-required --since 1h',
    'baton list http://127.0.0.1:4000 --context 1b2e… --all --json | jq -r ".tasks[].id"',
    'baton list http://127.0.0.1:4000 --page-size 20 --page-token <token from the last page>',
  ],
  async run(context) {
    const url = takeAgentUrl(context, 'list');
    takeArgs(context, 'list', []);
    const request = requestFrom(context);
    const { client } = await connectTo(context, url);
    const { out, signal, values } = context;
    out.spinner.start('listing tasks');
    let page: ListTasksResponse = await client.listTasks(request, { signal });
    if (values.all !== true) {
      out.spinner.stop();
      if (out.json) out.document(page);
      else {
        printRows(out, page.tasks);
        const more = page.nextPageToken
          ? ` · next page: baton list ${url} --page-token ${page.nextPageToken} (or --all)`
          : '';
        out.note(out.ce(`${page.tasks.length} of ${page.totalSize} task(s)${more}`, 'dim'));
      }
      return EXIT_CODES.OK;
    }
    const tasks = [...page.tasks];
    if (!out.json) printRows(out, page.tasks);
    for (let pages = 1; page.nextPageToken && pages < MAX_PAGES; pages++) {
      out.spinner.start(`listing tasks (${tasks.length} so far)`);
      page = await client.listTasks({ ...request, pageToken: page.nextPageToken }, { signal });
      tasks.push(...page.tasks);
      if (!out.json) printRows(out, page.tasks);
    }
    out.spinner.stop();
    if (page.nextPageToken) out.note(out.ce(`stopped after ${MAX_PAGES} pages`, 'yellow'));
    if (out.json)
      out.document({
        tasks,
        nextPageToken: page.nextPageToken,
        pageSize: tasks.length,
        totalSize: page.totalSize,
      });
    else out.note(out.ce(`${tasks.length} task(s)`, 'dim'));
    return EXIT_CODES.OK;
  },
};
