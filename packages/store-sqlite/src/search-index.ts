import { type SqliteContext } from './sqlite-context.js';
import { type StagedWork } from './write-batch.js';

type Fragments = ReadonlyMap<string, string>;

/** An FTS5 row to delete (no `body`) or to insert. */
interface TextRow {
  fid: number;
  body?: string;
}

interface Change {
  before: Fragments;
  after: Fragments;
}

/**
 * The search rows of a batch's writes, written together just before the batch commits. FTS5
 * flushes its pending terms to a new index segment whenever a savepoint opens after it was written
 * to (each write's savepoint, and the statement savepoint of any statement with a statement
 * journal: an upsert, a foreign key, `RETURNING`), and whenever a row goes to it with a lower rowid
 * than the one before. Indexing inside each write therefore made a segment, and later merges, per
 * text part (≈ 85 µs each); here `task_search` is brought up to date first, then every FTS5 row is
 * written in one run in rowid order: one segment per batch. Writes of one task in a batch fold
 * into one change, from the fragments before the first to those after the last. Nothing reads
 * these tables while a batch runs: reads run between commits, and `purge` applies them first.
 */
export class StagedSearchIndex implements StagedWork {
  readonly #context: Pick<SqliteContext, 'statement'>;
  #changes = new Map<number, Change>();

  constructor(context: Pick<SqliteContext, 'statement'>) {
    this.#context = context;
  }

  /** Stages task `rid`'s move from fragments `before` to `after` (call once its write is kept). */
  stage(rid: number, before: Fragments, after: Fragments): void {
    const change = this.#changes.get(rid);
    if (change) change.after = after;
    else this.#changes.set(rid, { before, after });
  }

  apply(): void {
    if (this.#changes.size === 0) return;
    const changes = this.#changes;
    this.#changes = new Map();
    const rows: TextRow[] = [];
    for (const [rid, { before, after }] of changes) {
      updateFragmentRows(this.#context, rid, before, after, rows);
    }
    // A row replaced in place is deleted before it is inserted again.
    rows.sort((a, b) => a.fid - b.fid || (a.body === undefined ? -1 : 1));
    const remove = this.#context.statement('DELETE FROM task_text WHERE rowid = ?');
    const insert = this.#context.statement('INSERT INTO task_text (rowid, body) VALUES (?, ?)');
    for (const { fid, body } of rows) {
      if (body === undefined) remove.run(fid);
      else insert.run(fid, body);
    }
  }

  discard(): void {
    this.#changes = new Map();
  }
}

/**
 * Brings a task's `task_search` rows from the fragments of its previous snapshot to those of its
 * new one (only fragments that appeared, changed or went away), and lists the FTS5 rows
 * (`task_text.rowid = fid`) to delete and to insert.
 */
function updateFragmentRows(
  context: Pick<SqliteContext, 'statement'>,
  rid: number,
  before: Fragments,
  after: Fragments,
  rows: TextRow[],
): void {
  for (const key of before.keys()) {
    if (after.has(key)) continue;
    const row = context
      .statement('DELETE FROM task_search WHERE task_rid = ? AND fragment = ? RETURNING fid')
      .get(rid, key) as { fid: number } | undefined;
    if (row) rows.push({ fid: row.fid });
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
    if (previous !== undefined) rows.push({ fid });
    rows.push({ fid, body });
  }
}

/** Removes the full-text rows of the tasks listed in `temp.purged`, in rowid order (see above). */
export function unindexPurgedTasks(context: SqliteContext): void {
  const fids = context
    .statement(
      'SELECT fid FROM task_search WHERE task_rid IN (SELECT rid FROM temp.purged) ORDER BY fid',
    )
    .pluck()
    .all() as number[];
  const remove = context.statement('DELETE FROM task_text WHERE rowid = ?');
  for (const fid of fids) remove.run(fid);
}
