import { BATON_PARAMS, InvalidParamsError } from '@baton/protocol';

/**
 * The `resumeAfter` parameter of SubscribeToTask (resumable-streams extension), read from raw
 * params: undefined when absent; a non-negative integer (or its decimal text) otherwise, else
 * `InvalidParamsError`. Transports put it in `CallContext.resumeAfter` when the request has no
 * `Last-Event-ID` (which wins: a browser's automatic reconnect sends the newer position).
 */
export function readResumeAfter(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const field = BATON_PARAMS.resumeAfter;
  if (!Object.hasOwn(raw, field)) return undefined;
  const value = (raw as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw new InvalidParamsError(`${field} must be a non-negative integer`, {
      fieldViolations: [{ field, description: 'must be a non-negative integer' }],
    });
  }
  return number;
}
