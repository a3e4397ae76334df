import { type Message, type Part, type Task } from '@baton/protocol';

/**
 * The most characters of a task's text that search looks at, which bounds what each append
 * rewrites. Newer text is kept first, so very long histories lose their oldest part.
 */
export const MAX_SEARCH_TEXT = 256 * 1024;

/**
 * The searchable text of a task, lower-cased: the text parts (and the JSON of data parts) of its
 * status message, its artifacts and its history, newest history first, capped at
 * {@link MAX_SEARCH_TEXT} characters and without NUL characters (which PostgreSQL text refuses).
 * Lower-casing here, with JavaScript's rules, makes matching case-insensitive exactly as in the
 * in-memory store, whatever the database's locale.
 */
export function taskSearchText(task: Task): string {
  const chunks: string[] = [];
  let length = 0;
  const add = (parts: readonly Part[] | undefined) => {
    for (const part of parts ?? []) {
      if (length >= MAX_SEARCH_TEXT) return;
      const text = part.text ?? (part.data !== undefined ? JSON.stringify(part.data) : undefined);
      if (!text) continue;
      chunks.push(text);
      length += text.length + 1;
    }
  };
  const messageParts = (message: Message | undefined) => add(message?.parts);
  messageParts(task.status.message);
  for (const artifact of task.artifacts ?? []) add(artifact.parts);
  const history = task.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) messageParts(history[i]);
  return chunks.join('\n').slice(0, MAX_SEARCH_TEXT).toLowerCase().replaceAll('\u0000', ' ');
}
