import { Hono } from 'hono';

import {
  type ContextResponse,
  type TaskDetailResponse,
  type TaskEventsResponse,
} from '../shared/api-types.js';
import { ApiError } from './http-errors.js';
import { parseInstant, parseInteger, parseState } from './query-params.js';
import { sourcesFor, type TaskSource } from './sources.js';
import { listTasks } from './task-listing.js';
import { findTask } from './task-lookup.js';

const MAX_CONTEXT_TASKS = 200;
const MAX_CONTEXT_MESSAGES = 1000;

/** `/api/tasks…` and `/api/contexts/:id`: store-backed task reads. */
export function tasksRoutes(sources: readonly TaskSource[]): Hono {
  const app = new Hono();

  app.get('/tasks', async (c) => {
    const agent = c.req.query('agent') || undefined;
    const selected = sourcesFor(sources, agent).map((s) => sources.indexOf(s));
    if (agent && selected.length === 0)
      throw new ApiError(404, `no store holds the tasks of "${agent}"`);
    const page = await listTasks(sources, selected, {
      agent,
      state: parseState(c.req.query('state')),
      contextId: c.req.query('context') || undefined,
      since: parseInstant(c.req.query('since'), 'since'),
      text: c.req.query('q') || undefined,
      pageSize: parseInteger(c.req.query('pageSize'), {
        name: 'pageSize',
        fallback: 50,
        min: 1,
        max: 500,
      }),
      pageToken: c.req.query('pageToken') || undefined,
    });
    return c.json(page);
  });

  app.get('/tasks/:id', async (c) => {
    const found = await findTask(sources, c.req.param('id'));
    if (!found) throw new ApiError(404, 'task not found');
    const { stored, source } = found;
    const body: TaskDetailResponse = {
      task: stored.task,
      agent: source.agent,
      tenant: stored.tenant,
      owner: stored.owner,
      seq: stored.seq,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
    };
    return c.json(body);
  });

  app.get('/tasks/:id/events', async (c) => {
    const taskId = c.req.param('id');
    const found = await findTask(sources, taskId);
    if (!found) throw new ApiError(404, 'task not found');
    const after = parseInteger(c.req.query('after'), {
      name: 'after',
      fallback: 0,
      min: 0,
      max: 2 ** 31,
    });
    const limit = parseInteger(c.req.query('limit'), {
      name: 'limit',
      fallback: 500,
      min: 1,
      max: 2000,
    });
    const records = await found.source.store.events.read(taskId, after, limit + 1);
    const body: TaskEventsResponse = {
      events: records
        .slice(0, limit)
        .map(({ seq, timestamp, event }) => ({ seq, timestamp, event })),
      more: records.length > limit,
    };
    return c.json(body);
  });

  app.get('/contexts/:id', async (c) => {
    const contextId = c.req.param('id');
    const selected = sources.map((_, i) => i);
    const page = await listTasks(sources, selected, { contextId, pageSize: MAX_CONTEXT_TASKS });
    const seen = new Set<unknown>();
    const messages: ContextResponse['messages'] = [];
    for (const source of sources) {
      const key = `${sources.findIndex((s) => s.store === source.store)}:${source.tenant}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const stored = await source.store.messages.list(source.scope, contextId, {
        limit: MAX_CONTEXT_MESSAGES,
      });
      for (const entry of stored) {
        messages.push({
          message: entry.message,
          taskId: entry.taskId,
          position: entry.position,
          timestamp: entry.timestamp,
        });
      }
    }
    messages.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.position - b.position);
    if (page.tasks.length === 0 && messages.length === 0)
      throw new ApiError(404, 'context not found');
    const body: ContextResponse = {
      contextId,
      tasks: page.tasks,
      moreTasks: page.nextPageToken !== '',
      messages,
    };
    return c.json(body);
  });

  return app;
}
