import {
  type ErrorMappingVariant,
  type JsonRpcId,
  jsonRpcSuccess,
  type StreamResponse,
  toA2AError,
} from '@baton/protocol';

import { errorMessage, type Logger } from '../logger.js';
import { sequenceOf } from '../task-event.js';
import { type DispatchStreamItem } from './dispatch-result.js';
import { type WireDialect } from './wire-dialect.js';

const END: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A handler stream as JSON-RPC responses with the request id: each item encoded in the dialect
 * and tagged with its sequence number; an error while streaming becomes one last error response.
 * `return()` closes the handler's stream at once.
 */
export function encodeStream(
  stream: AsyncIterable<StreamResponse>,
  id: JsonRpcId,
  dialect: WireDialect,
  variant: ErrorMappingVariant,
  logger: Logger,
): AsyncIterable<DispatchStreamItem> {
  return {
    [Symbol.asyncIterator]: () =>
      new EncodedStream(stream[Symbol.asyncIterator](), id, dialect, variant, logger),
  };
}

/** The iterator of {@link encodeStream}: one `then` per item, no async function. */
class EncodedStream implements AsyncIterator<DispatchStreamItem, undefined> {
  readonly #source: AsyncIterator<StreamResponse>;
  readonly #id: JsonRpcId;
  readonly #dialect: WireDialect;
  readonly #variant: ErrorMappingVariant;
  readonly #logger: Logger;
  #done = false;

  constructor(
    source: AsyncIterator<StreamResponse>,
    id: JsonRpcId,
    dialect: WireDialect,
    variant: ErrorMappingVariant,
    logger: Logger,
  ) {
    this.#source = source;
    this.#id = id;
    this.#dialect = dialect;
    this.#variant = variant;
    this.#logger = logger;
  }

  next(): Promise<IteratorResult<DispatchStreamItem, undefined>> {
    if (this.#done) return Promise.resolve(END);
    let step: Promise<IteratorResult<StreamResponse>>;
    try {
      step = this.#source.next();
    } catch (thrown) {
      return Promise.resolve(this.#failure(thrown));
    }
    return step.then(this.#encode, this.#fail);
  }

  async return(): Promise<IteratorResult<DispatchStreamItem, undefined>> {
    this.#done = true;
    await this.#source.return?.();
    return END;
  }

  readonly #encode = (
    step: IteratorResult<StreamResponse>,
  ): IteratorResult<DispatchStreamItem, undefined> => {
    if (step.done) {
      this.#done = true;
      return END;
    }
    const item = step.value;
    try {
      const body = jsonRpcSuccess(this.#id, this.#dialect.encodeStreamItem(item));
      return { done: false, value: { seq: sequenceOf(item), body } };
    } catch (thrown) {
      return this.#failure(thrown);
    }
  };

  readonly #fail = (thrown: unknown): IteratorResult<DispatchStreamItem, undefined> =>
    this.#failure(thrown);

  /** Ends the stream with the error response for `thrown`. */
  #failure(thrown: unknown): IteratorResult<DispatchStreamItem, undefined> {
    this.#done = true;
    const error = toA2AError(thrown);
    if (error !== thrown) {
      this.#logger.error('unexpected error in a JSON-RPC stream', { error: errorMessage(thrown) });
    }
    return { done: false, value: { body: this.#dialect.error(this.#id, error, this.#variant) } };
  }
}
