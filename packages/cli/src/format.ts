import {
  type Artifact,
  type Message,
  type Part,
  type Task,
  type TaskPushNotificationConfig,
  type TaskState,
} from '@baton/protocol';

import { type Colours, type Style } from './colour.js';

/** A task state as people write it: `TASK_STATE_INPUT_REQUIRED` → `input-required`. */
export function stateLabel(state: TaskState): string {
  return state
    .replace(/^TASK_STATE_/, '')
    .toLowerCase()
    .replace(/_/g, '-');
}

function stateStyle(state: TaskState): Style[] {
  switch (state) {
    case 'TASK_STATE_COMPLETED':
      return ['green', 'bold'];
    case 'TASK_STATE_FAILED':
    case 'TASK_STATE_REJECTED':
      return ['red', 'bold'];
    case 'TASK_STATE_CANCELED':
      return ['yellow', 'bold'];
    case 'TASK_STATE_INPUT_REQUIRED':
    case 'TASK_STATE_AUTH_REQUIRED':
      return ['magenta', 'bold'];
    case 'TASK_STATE_SUBMITTED':
    case 'TASK_STATE_WORKING':
      return ['cyan'];
    case 'TASK_STATE_UNSPECIFIED':
      return ['dim'];
  }
}

/** The state label in its colour. */
export function colouredState(state: TaskState, c: Colours): string {
  return c(stateLabel(state), ...stateStyle(state));
}

/** Bytes in human units: `512 B`, `1.4 kB`, `3.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function base64Size(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/** One part as readable text: text as is, files and links as a bracketed line, data as JSON. */
export function renderPart(part: Part, c: Colours): string {
  if (part.text !== undefined) return part.text;
  const name = part.filename ? `${part.filename} ` : '';
  const type = part.mediaType ? `${part.mediaType}, ` : '';
  if (part.raw !== undefined)
    return c(`[file ${name}(${type}${formatBytes(base64Size(part.raw))})]`, 'blue');
  if (part.url !== undefined)
    return c(`[link ${name}${part.url}${part.mediaType ? ` (${part.mediaType})` : ''}]`, 'blue');
  if (part.data !== undefined) return JSON.stringify(part.data, null, 2);
  return c('[empty part]', 'dim');
}

/**
 * The parts of a message or artifact, one after another: adjacent text parts run together (a
 * streamed text arrives as many parts), other parts each get a line of their own.
 */
export function renderParts(parts: readonly Part[], c: Colours): string {
  let text = '';
  let previousWasText = true;
  for (const part of parts) {
    const isText = part.text !== undefined;
    const separate = text !== '' && !text.endsWith('\n') && !(isText && previousWasText);
    text += `${separate ? '\n' : ''}${renderPart(part, c)}`;
    previousWasText = isText;
  }
  return text;
}

/** The heading line of an artifact; `note` (such as `continued`) replaces the description. */
export function artifactHeading(artifact: Artifact, c: Colours, note?: string): string {
  const name = artifact.name ?? artifact.artifactId;
  const tail = note
    ? c(` (${note})`, 'dim')
    : artifact.description
      ? c(` — ${artifact.description}`, 'dim')
      : '';
  return `${c('──', 'dim')} ${c(name, 'bold')}${tail} ${c('──', 'dim')}`;
}

/** An artifact: heading, then its parts. */
export function renderArtifact(artifact: Artifact, c: Colours): string {
  return `${artifactHeading(artifact, c)}\n${renderParts(artifact.parts, c).replace(/\n$/, '')}`;
}

/** A message as `agent: …` / `you: …`. */
export function renderMessage(message: Message, c: Colours): string {
  const who = message.role === 'ROLE_AGENT' ? c('agent:', 'cyan') : c('you:', 'dim');
  return `${who} ${renderParts(message.parts, c)}`;
}

/** The one-line summary of a task: id and coloured state. */
export function taskHeadline(task: Task, c: Colours): string {
  return `${c('task', 'dim')} ${c(task.id, 'bold')}  ${colouredState(task.status.state, c)}`;
}

/** Options of {@link renderTask}. */
export interface RenderTaskOptions {
  /** Also show the message history. @default false */
  history?: boolean | undefined;
}

/** A task for people: headline, context, status message, artifacts (and history if asked). */
export function renderTask(task: Task, c: Colours, options: RenderTaskOptions = {}): string {
  const lines = [taskHeadline(task, c), `${c('context', 'dim')} ${task.contextId ?? '—'}`];
  if (task.status.timestamp) lines.push(`${c('updated', 'dim')} ${task.status.timestamp}`);
  if (task.status.message) lines.push(renderMessage(task.status.message, c));
  if (options.history && task.history?.length) {
    lines.push(c(`── history (${task.history.length}) ──`, 'dim'));
    for (const message of task.history) lines.push(renderMessage(message, c));
  }
  for (const artifact of task.artifacts ?? []) lines.push(renderArtifact(artifact, c));
  return lines.join('\n');
}

/** A push notification config on one line: id, URL, and whether a token or auth is set. */
export function renderPushConfig(config: TaskPushNotificationConfig, c: Colours): string {
  const extras = [
    config.token ? 'token set' : undefined,
    config.authentication ? `auth ${config.authentication.scheme}` : undefined,
  ].filter((x) => x !== undefined);
  const tail = extras.length > 0 ? c(`  (${extras.join(', ')})`, 'dim') : '';
  return `${c(config.id ?? '(no id)', 'bold')}  ${config.url}${tail}`;
}
