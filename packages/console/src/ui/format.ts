import { type TaskState } from '@baton/protocol';

/** A task state as people say it: `input-required`. */
export function stateLabel(state: string): string {
  return state
    .replace(/^TASK_STATE_/, '')
    .toLowerCase()
    .replace(/_/g, '-');
}

/** The CSS class of a state badge. */
export function stateClass(state: TaskState | string): string {
  return `state state-${stateLabel(state)}`;
}

/** Whether a state is terminal. */
export function isTerminal(state: string): boolean {
  return [
    'TASK_STATE_COMPLETED',
    'TASK_STATE_FAILED',
    'TASK_STATE_CANCELED',
    'TASK_STATE_REJECTED',
  ].includes(state);
}

/** A duration in ms as `850 ms`, `4.2 s`, `3 min 10 s`, `2 h 5 min`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A time as local `HH:MM:SS.mmm`, with the date when it is not today. */
export function clock(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = date.toLocaleTimeString(undefined, { hour12: false });
  const ms = String(date.getMilliseconds()).padStart(3, '0');
  const today = new Date().toDateString() === date.toDateString();
  return today ? `${time}.${ms}` : `${date.toLocaleDateString()} ${time}`;
}

/** How long ago an instant was: `12 s ago`. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const ms = now - Date.parse(iso);
  return Number.isNaN(ms) ? '' : `${duration(Math.max(0, ms))} ago`;
}

/** Shortens an id for tables: the first 8 characters. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
