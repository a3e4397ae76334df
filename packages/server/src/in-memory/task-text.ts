import { type Message, type Part, type Task } from '@baton/protocol';

/**
 * Whether a task mentions `text`, ignoring case: the text parts (and the JSON of data parts) of
 * its history, its status message and its artifacts.
 */
export function taskMatchesText(task: Task, text: string): boolean {
  const needle = text.toLowerCase();
  const parts = (message: Message | undefined) => message?.parts ?? [];
  const all: Part[] = [
    ...(task.history ?? []).flatMap(parts),
    ...parts(task.status.message),
    ...(task.artifacts ?? []).flatMap((artifact) => artifact.parts),
  ];
  return all.some((part) => searchableText(part)?.toLowerCase().includes(needle) === true);
}

function searchableText(part: Part): string | undefined {
  if (part.text !== undefined) return part.text;
  if (part.data !== undefined) return JSON.stringify(part.data);
  return undefined;
}
