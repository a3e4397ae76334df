import { type TaskReducer } from './event-log.js';

const PURE = Symbol.for('baton.pureReducer');

/**
 * Marks a reducer that never changes its inputs (internal). The in-memory store then hands it
 * its own snapshot instead of a defensive copy; any other store may ignore the mark.
 */
export function pureReducer(reduce: TaskReducer): TaskReducer {
  // Assigned, not defined: every task's writer marks its reducer, and `Object.defineProperty`
  // costs ≈ 0.6 µs each where a store costs nothing. A symbol key stays out of
  // `Object.keys` and `for…in`.
  (reduce as { [PURE]?: boolean })[PURE] = true;
  return reduce;
}

/** Whether a reducer was marked with {@link pureReducer}. */
export function isPureReducer(reduce: TaskReducer): boolean {
  return (reduce as { [PURE]?: boolean })[PURE] === true;
}
