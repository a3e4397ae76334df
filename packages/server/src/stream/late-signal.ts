/** Where a stream reads its caller's signal from: a transport may create it on first read. */
export interface SignalSource {
  readonly signal?: AbortSignal | undefined;
}

/** Something that reads its caller's signal once it has outlived the turn it began in. */
export interface LateSignalReader {
  readSignal(): void;
}

/** Readers armed during this turn of the event loop; their signals are read on the next. */
let armed: LateSignalReader[] = [];
let turnTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Calls `reader.readSignal()` on the next turn of the event loop: one timer serves every reader
 * armed in the same turn, and a reader that is done by then returns at once.
 */
export function readSignalNextTurn(reader: LateSignalReader): void {
  armed.push(reader);
  turnTimer ??= setTimeout(readArmed, 0);
}

function readArmed(): void {
  turnTimer = undefined;
  const readers = armed;
  armed = [];
  for (const reader of readers) reader.readSignal();
}
