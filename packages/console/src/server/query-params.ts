import { TASK_STATES, type TaskState } from '@baton/protocol';

import { ApiError } from './http-errors.js';

/** Reads a task state given as `TASK_STATE_WORKING` or `working` / `input-required`. */
export function parseState(value: string | undefined): TaskState | undefined {
  if (!value) return undefined;
  const name = value.startsWith('TASK_STATE_')
    ? value
    : `TASK_STATE_${value.toUpperCase().replace(/-/g, '_')}`;
  if (!(TASK_STATES as readonly string[]).includes(name)) {
    throw new ApiError(400, `unknown task state "${value}"`);
  }
  return name as TaskState;
}

/** Reads an integer query parameter within bounds. */
export function parseInteger(
  value: string | undefined,
  options: { name: string; fallback: number; min: number; max: number },
): number {
  if (value === undefined || value === '') return options.fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < options.min || number > options.max) {
    throw new ApiError(
      400,
      `${options.name} must be an integer from ${options.min} to ${options.max}`,
    );
  }
  return number;
}

/** Reads an instant (ISO 8601) and returns it normalized; undefined when absent. */
export function parseInstant(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ApiError(400, `${name} must be an ISO 8601 time`);
  return new Date(time).toISOString();
}
