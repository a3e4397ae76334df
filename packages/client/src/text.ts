import {
  type Artifact,
  type Message,
  type Part,
  type StreamResponse,
  type Task,
} from '@baton/protocol';

/** Something with readable content. */
export type HasText = Task | Message | Artifact | Part[] | StreamResponse | undefined;

function partsText(parts: readonly Part[]): string {
  return parts
    .filter((part) => part.text !== undefined)
    .map((part) => part.text)
    .join('');
}

function looksLikeTask(value: object): value is Task {
  return 'status' in value && 'id' in value;
}

/**
 * The text of a message, artifact, part list, stream event or task. For a task: the text of its
 * artifacts (one per line), else of its status message, else of the last agent message.
 * Non-text parts are skipped.
 * @example
 * const task = await client.sendAndWait('What is 2 + 2?');
 * console.log(textOf(task)); // "4"
 */
export function textOf(value: HasText): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return partsText(value);
  if ('parts' in value && Array.isArray(value.parts)) return partsText(value.parts);
  if (looksLikeTask(value)) {
    const artifacts = (value.artifacts ?? [])
      .map((a) => partsText(a.parts))
      .filter((t) => t !== '');
    if (artifacts.length > 0) return artifacts.join('\n');
    if (value.status.message) return partsText(value.status.message.parts);
    const reply = [...(value.history ?? [])].reverse().find((m) => m.role === 'ROLE_AGENT');
    return reply ? partsText(reply.parts) : '';
  }
  const event = value as StreamResponse;
  if (event.task) return textOf(event.task);
  if (event.message) return textOf(event.message);
  if (event.statusUpdate) return textOf(event.statusUpdate.status.message);
  if (event.artifactUpdate) return textOf(event.artifactUpdate.artifact);
  return '';
}

/** The structured (`data`) values among a message's, artifact's or task artifacts' parts. */
export function dataOf(value: Task | Message | Artifact): unknown[] {
  const parts = 'parts' in value ? value.parts : (value.artifacts ?? []).flatMap((a) => a.parts);
  return parts.filter((part) => part.data !== undefined).map((part) => part.data);
}

/** Whether a SendMessage result, stream item or value is a task (not a direct message). */
export function isTask(value: Task | Message): value is Task {
  return 'status' in value;
}
