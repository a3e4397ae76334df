import { type Part, type Task } from '@baton/protocol';

/**
 * The searchable text of a task by fragment key: every text part (and the JSON of every data
 * part) of its history, its status message and its artifacts — what the in-memory store searches
 * too. Keys stay put when other parts change, so an append re-indexes only what it changed.
 */
export function taskFragments(task: Task): Map<string, string> {
  const fragments = new Map<string, string>();
  const add = (prefix: string, parts: readonly Part[]) => {
    let key = prefix;
    // A repeated messageId or artifactId still gets fragments of its own.
    for (let n = 2; fragments.has(`${key}:0`); n++) key = `${prefix}#${n}`;
    parts.forEach((part, index) => {
      const text = part.text ?? (part.data !== undefined ? JSON.stringify(part.data) : undefined);
      if (text) fragments.set(`${key}:${index}`, text);
    });
  };
  for (const message of task.history ?? []) add(`h:${message.messageId}`, message.parts);
  if (task.status.message) add('s', task.status.message.parts);
  for (const artifact of task.artifacts ?? []) add(`a:${artifact.artifactId}`, artifact.parts);
  return fragments;
}

/** The SQL condition and parameter of a text search: see {@link textFilter}. */
export interface TextFilter {
  condition: string;
  value: string;
}

/**
 * The `WHERE` condition for a search of `text`: a case-insensitive substring of one part, as in
 * the in-memory store. Text of three characters or more is one quoted FTS5 phrase over a trigram
 * index, so no input can be an FTS syntax error and operators (`AND`, `NEAR`, `*`…) are plain
 * text; shorter text, which a trigram index cannot look up, is a `LIKE` on each task in scope.
 */
export function textFilter(text: string): TextFilter {
  if ([...text].length >= 3) {
    return {
      condition:
        'tasks.rid IN (SELECT s.task_rid FROM task_text JOIN task_search s ' +
        'ON s.fid = task_text.rowid WHERE task_text MATCH @text)',
      value: `"${text.replace(/"/g, '""')}"`,
    };
  }
  return {
    condition:
      'EXISTS (SELECT 1 FROM task_search s JOIN task_text t ON t.rowid = s.fid ' +
      "WHERE s.task_rid = tasks.rid AND t.body LIKE @text ESCAPE '\\')",
    value: `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`,
  };
}
