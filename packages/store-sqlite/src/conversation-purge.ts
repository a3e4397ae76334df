import { setImmediate as nextTurn } from 'node:timers/promises';

import { CONVERSATION_PURGE_FLOOR_MS } from '@baton/server';

import { type SqliteContext } from './sqlite-context.js';

/** Contexts read per page of the scan. */
const PAGE = 500;
/** Contexts deleted per write: a short transaction, so appends never wait long behind it. */
const BATCH = 100;

/** Context `c` has no task, and its last message (if any) is older than `@limit`. */
const EXPIRED = `NOT EXISTS (SELECT 1 FROM tasks t
    WHERE t.tenant = c.tenant AND t.context_id = c.context_id)
  AND coalesce((SELECT m.timestamp FROM messages m WHERE m.cid = c.cid
    ORDER BY m.position DESC LIMIT 1), '') < @limit`;

/**
 * Deletes the messages and position counter of every context with no task whose newest message
 * is older than `before` and than {@link CONVERSATION_PURGE_FLOOR_MS} (store clock). Scans the contexts
 * in `cid` order, a page per turn of the event loop, with reads outside the commit queue; each
 * batch of candidates is deleted in its own write, which checks the rule again, so an append
 * that arrived since keeps its context. Resolves with how many contexts went.
 */
export async function purgeConversations(context: SqliteContext, before: string): Promise<number> {
  const floor = Date.parse(context.timestamp()) - CONVERSATION_PURGE_FLOOR_MS;
  const limit = new Date(Math.min(Date.parse(before), floor)).toISOString();
  let purged = 0;
  let after = 0;
  for (;;) {
    const rows = context
      .statement(
        `SELECT c.cid AS cid, ${EXPIRED} AS expired FROM contexts c
         WHERE c.cid > @after ORDER BY c.cid LIMIT @page`,
      )
      .all({ after, limit, page: PAGE }) as { cid: number; expired: number }[];
    if (rows.length === 0) return purged;
    after = rows.at(-1)!.cid;
    const expired = rows.filter((row) => row.expired === 1).map((row) => row.cid);
    for (let start = 0; start < expired.length; start += BATCH) {
      const batch = expired.slice(start, start + BATCH);
      purged += await context.commits.enqueue(() => deleteExpired(context, batch, limit));
    }
    if (expired.length === 0) await nextTurn();
  }
}

function deleteExpired(context: SqliteContext, cids: readonly number[], limit: string): number {
  const check = context.statement(`SELECT 1 FROM contexts c WHERE c.cid = @cid AND ${EXPIRED}`);
  let deleted = 0;
  for (const cid of cids) {
    if (!check.get({ cid, limit })) continue;
    context.statement('DELETE FROM messages WHERE cid = ?').run(cid);
    context.statement('DELETE FROM contexts WHERE cid = ?').run(cid);
    deleted++;
  }
  return deleted;
}
