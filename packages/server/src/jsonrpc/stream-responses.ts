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
    [Symbol.asyncIterator](): AsyncIterator<DispatchStreamItem, undefined> {
      const source = stream[Symbol.asyncIterator]();
      let done = false;
      return {
        async next() {
          if (done) return { done: true, value: undefined };
          try {
            const step = await source.next();
            if (step.done) {
              done = true;
              return { done: true, value: undefined };
            }
            const item = step.value;
            const body = jsonRpcSuccess(id, dialect.encodeStreamItem(item));
            return { done: false, value: { seq: sequenceOf(item), body } };
          } catch (thrown) {
            done = true;
            const error = toA2AError(thrown);
            if (error !== thrown) {
              logger.error('unexpected error in a JSON-RPC stream', {
                error: errorMessage(thrown),
              });
            }
            return { done: false, value: { body: dialect.error(id, error, variant) } };
          }
        },
        async return() {
          done = true;
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
