import { CONVERSATION_PURGE_FLOOR_MS } from '@baton/server';

import { inTransaction, type PostgresContext } from './postgres-context.js';

/** Contexts read per page of the scan. */
const PAGE = 500;
/** Contexts deleted per transaction, so appends to them never wait long behind it. */
const BATCH = 100;

interface PageRow {
  tenant: string;
  context_id: string;
  expired: boolean;
}

/** Context `c` has no task, and its last message (if any) is older than `$limit` (epoch ms). */
function expired(tables: PostgresContext['tables'], c: string, limit: string): string {
  return `NOT EXISTS (SELECT 1 FROM ${tables.tasks} t
      WHERE t.tenant = ${c}.tenant AND t.context_id = ${c}.context_id)
    AND coalesce((SELECT m.ts FROM ${tables.messages} m
      WHERE m.tenant = ${c}.tenant AND m.context_id = ${c}.context_id
      ORDER BY m.position DESC LIMIT 1), '-infinity') < to_timestamp(${limit}::float8 / 1000)`;
}

/**
 * Deletes the messages and position counter of every context with no task whose newest message
 * is older than `before` and than {@link CONVERSATION_PURGE_FLOOR_MS} (store clock). Reads the
 * contexts in key order, a page at a time; each batch of candidates is deleted in its own short
 * transaction that locks their counters first (as an append does) and checks the rule again, so
 * a message appended meanwhile keeps its context. Resolves with how many contexts went.
 */
export async function purgeConversations(ctx: PostgresContext, before: string): Promise<number> {
  const { tables, pool } = ctx;
  const limit = Math.min(Date.parse(before), ctx.now().getTime() - CONVERSATION_PURGE_FLOOR_MS);
  const select = `SELECT p.tenant, p.context_id, ${expired(tables, 'p', '$1')} AS expired FROM page p
    ORDER BY p.tenant, p.context_id`;
  const first = `WITH page AS (SELECT tenant, context_id FROM ${tables.contexts}
    ORDER BY tenant, context_id LIMIT $2) ${select}`;
  const next = `WITH page AS (SELECT tenant, context_id FROM ${tables.contexts}
    WHERE (tenant, context_id) > ($3, $4) ORDER BY tenant, context_id LIMIT $2) ${select}`;
  let purged = 0;
  let after: PageRow | undefined;
  for (;;) {
    const { rows } = await pool.query<PageRow>(
      after ? next : first,
      after ? [limit, PAGE, after.tenant, after.context_id] : [limit, PAGE],
    );
    if (rows.length === 0) return purged;
    after = rows.at(-1);
    const candidates = rows.filter((row) => row.expired);
    for (let start = 0; start < candidates.length; start += BATCH) {
      purged += await deleteExpired(ctx, candidates.slice(start, start + BATCH), limit);
    }
  }
}

async function deleteExpired(
  ctx: PostgresContext,
  keys: readonly PageRow[],
  limit: number,
): Promise<number> {
  const { tables } = ctx;
  const columns = [keys.map((key) => key.tenant), keys.map((key) => key.context_id)];
  const targets = (first: number) =>
    `unnest($${first}::text[], $${first + 1}::text[]) AS k(tenant, context_id)`;
  return inTransaction(ctx.pool, async (client) => {
    // In key order, as the task purge locks them: two purges never wait on each other in a cycle.
    await client.query(
      `SELECT 1 FROM ${tables.contexts} c JOIN (SELECT * FROM ${targets(1)}) k
       USING (tenant, context_id) ORDER BY c.tenant, c.context_id FOR UPDATE OF c`,
      columns,
    );
    const { rows } = await client.query<{ count: string }>(
      `WITH gone AS (
        DELETE FROM ${tables.contexts} c USING ${targets(2)}
        WHERE c.tenant = k.tenant AND c.context_id = k.context_id
          AND ${expired(tables, 'c', '$1')}
        RETURNING c.tenant, c.context_id
      ), messages AS (
        DELETE FROM ${tables.messages} m USING gone g
        WHERE m.tenant = g.tenant AND m.context_id = g.context_id
      )
      SELECT count(*) AS count FROM gone`,
      [limit, ...columns],
    );
    return Number(rows[0]?.count ?? 0);
  });
}
