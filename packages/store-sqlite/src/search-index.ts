import { type SqliteContext } from './sqlite-context.js';

/**
 * Brings a task's search rows from the fragments of its previous snapshot to those of its new
 * one: only fragments that appeared, changed or went away are written. `task_search` maps each
 * fragment to its FTS5 row (`task_text.rowid = fid`).
 */
export function reindexTask(
  context: SqliteContext,
  rid: number,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): void {
  for (const key of before.keys()) {
    if (after.has(key)) continue;
    const row = context
      .statement('DELETE FROM task_search WHERE task_rid = ? AND fragment = ? RETURNING fid')
      .get(rid, key) as { fid: number } | undefined;
    if (row) context.statement('DELETE FROM task_text WHERE rowid = ?').run(row.fid);
  }
  for (const [key, body] of after) {
    const previous = before.get(key);
    if (previous === body) continue;
    const { fid } = context
      .statement(
        'INSERT INTO task_search (task_rid, fragment) VALUES (?, ?) ' +
          'ON CONFLICT (task_rid, fragment) DO UPDATE SET fragment = excluded.fragment ' +
          'RETURNING fid',
      )
      .get(rid, key) as { fid: number };
    if (previous !== undefined) context.statement('DELETE FROM task_text WHERE rowid = ?').run(fid);
    context.statement('INSERT INTO task_text (rowid, body) VALUES (?, ?)').run(fid, body);
  }
}

/** Removes the full-text rows of the tasks listed in `temp.purged`. */
export function unindexPurgedTasks(context: SqliteContext): void {
  const fids = context
    .statement('SELECT fid FROM task_search WHERE task_rid IN (SELECT rid FROM temp.purged)')
    .pluck()
    .all() as number[];
  const remove = context.statement('DELETE FROM task_text WHERE rowid = ?');
  for (const fid of fids) remove.run(fid);
}
