import { type TaskEventRecord } from '@baton/server';
import { Hono } from 'hono';

import { type TaskEventEntry } from '../shared/api-types.js';
import { type ChangeFeed } from './change-feed.js';
import { ApiError } from './http-errors.js';
import { parseInteger } from './query-params.js';
import { type TaskSource } from './sources.js';
import { sseResponse } from './sse.js';
import { findTask } from './task-lookup.js';

const BACKFILL_PAGE = 500;

function entry(record: TaskEventRecord): TaskEventEntry {
  return { seq: record.seq, timestamp: record.timestamp, event: record.event };
}

/**
 * `/api/stream`: Server-Sent Events. Without parameters, the list-level change feed (`changes`
 * events). With `?task=<id>`, that task's log: every event after `after` (or `Last-Event-ID`),
 * then live ones as they are appended (`task-event`, with the sequence number as SSE id).
 */
export function streamRoutes(sources: readonly TaskSource[], feed: ChangeFeed): Hono {
  const app = new Hono();
  app.get('/stream', async (c) => {
    const signal = c.req.raw.signal;
    const taskId = c.req.query('task');
    if (!taskId) {
      return sseResponse(signal, (sink) => feed.listen((notice) => sink.send('changes', notice)));
    }
    const found = await findTask(sources, taskId);
    if (!found) throw new ApiError(404, 'task not found');
    const after = parseInteger(c.req.query('after') ?? c.req.header('Last-Event-ID'), {
      name: 'after',
      fallback: 0,
      min: 0,
      max: 2 ** 31,
    });
    const { events } = found.source.store;
    return sseResponse(signal, async (sink) => {
      let last = after;
      let live = false;
      const buffered: TaskEventRecord[] = [];
      const deliver = (record: TaskEventRecord) => {
        if (record.seq <= last) return;
        last = record.seq;
        sink.send('task-event', entry(record), record.seq);
      };
      // Subscribe first, then read the backlog: nothing falls between the two.
      const unsubscribe = events.subscribe(taskId, (record) => {
        if (live) deliver(record);
        else buffered.push(record);
      });
      try {
        for (;;) {
          const page = await events.read(taskId, last, BACKFILL_PAGE);
          page.forEach(deliver);
          if (page.length < BACKFILL_PAGE) break;
        }
      } catch (error) {
        unsubscribe();
        throw error;
      }
      buffered.sort((a, b) => a.seq - b.seq).forEach(deliver);
      live = true;
      sink.send('caught-up', { seq: last });
      return unsubscribe;
    });
  });
  return app;
}
