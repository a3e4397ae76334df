import { stateClass, stateLabel } from '../format.js';

/** A task state as a coloured badge with its name. */
export function StateBadge({ state }: { state: string }) {
  return <span class={stateClass(state)}>{stateLabel(state)}</span>;
}
