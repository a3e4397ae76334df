import { type Message, type Part, type Task } from '@baton/protocol';

/**
 * The searchable text of a task, one line per part: the text parts (and the JSON of data parts)
 * of its history, its status message and its artifacts — what the in-memory store searches too.
 */
export function taskText(task: Task): string {
  const parts = (message: Message | undefined) => message?.parts ?? [];
  const all: Part[] = [
    ...(task.history ?? []).flatMap(parts),
    ...parts(task.status.message),
    ...(task.artifacts ?? []).flatMap((artifact) => artifact.parts),
  ];
  const lines: string[] = [];
  for (const part of all) {
    if (part.text !== undefined) lines.push(part.text);
    else if (part.data !== undefined) lines.push(JSON.stringify(part.data));
  }
  return lines.join('\n');
}

/** The SQL condition and parameter of a text search: see {@link textFilter}. */
export interface TextFilter {
  condition: string;
  value: string;
}

/**
 * The `WHERE` condition for a search of `text`: a case-insensitive substring match, as in the
 * in-memory store. Text of three characters or more is one quoted FTS5 phrase over a trigram
 * index, so no input can be an FTS syntax error and operators (`AND`, `NEAR`, `*`…) are plain
 * text; shorter text, which a trigram index cannot look up, is a `LIKE` on each task in scope.
 */
export function textFilter(text: string): TextFilter {
  if ([...text].length >= 3) {
    return {
      condition: 'tasks.rid IN (SELECT rowid FROM task_text WHERE task_text MATCH @text)',
      value: `"${text.replace(/"/g, '""')}"`,
    };
  }
  return {
    condition:
      "EXISTS (SELECT 1 FROM task_text WHERE task_text.rowid = tasks.rid AND body LIKE @text ESCAPE '\\')",
    value: `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`,
  };
}
