import {
  type AgentCard,
  ExtendedAgentCardNotConfiguredError,
  UnauthenticatedError,
  UnsupportedOperationError,
} from '@baton/protocol';

import { ANONYMOUS_CALLER } from '../caller.js';
import { type RequestHandlerOptions } from '../options.js';
import { type CallContext } from '../request-handler.js';

/**
 * GetExtendedAgentCard: `UnsupportedOperationError` unless the card declares
 * `capabilities.extendedAgentCard`; `ExtendedAgentCardNotConfiguredError` when none is
 * configured; `UnauthenticatedError` for an anonymous caller.
 */
export async function getExtendedAgentCard(
  card: AgentCard,
  extended: RequestHandlerOptions['extendedAgentCard'],
  context: CallContext,
): Promise<AgentCard> {
  if (card.capabilities.extendedAgentCard !== true) {
    throw new UnsupportedOperationError(
      'This agent has no extended agent card (capabilities.extendedAgentCard is not true)',
    );
  }
  if (extended === undefined) {
    throw new ExtendedAgentCardNotConfiguredError(
      'This agent declares an extended agent card but none is configured',
    );
  }
  const caller = context.caller ?? ANONYMOUS_CALLER;
  if (caller.id === '') {
    throw new UnauthenticatedError('The extended agent card is only for authenticated callers');
  }
  return typeof extended === 'function' ? extended(caller) : extended;
}
