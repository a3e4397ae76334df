import { type AgentCard, BATON_PARAMS, BATON_URIS, type ListTasksRequest } from '@baton/protocol';

import { type CallOptions } from './client-options.js';
import { A2AClientError } from './errors.js';

/**
 * ListTasks params with Baton's task-search extension parameter (`query`): only tasks whose
 * history, status messages or artifacts contain the text, ignoring case.
 */
export interface ListTasksSearchRequest extends ListTasksRequest {
  /**
   * Text to search task history for; needs an agent whose card declares
   * `urn:baton:extension:task-search:1`. @default no text filter
   */
  query?: string | undefined;
}

/** Whether a card declares Baton's task-search extension. */
export function declaresTaskSearch(card: AgentCard): boolean {
  return card.capabilities.extensions?.some((e) => e.uri === BATON_URIS.taskSearch) ?? false;
}

/**
 * The call options of a ListTasks with a search text: the extension activated
 * (`A2A-Extensions`). Throws `UNSUPPORTED_OPERATION` when the card does not declare it, since an
 * agent without it would drop the parameter and list every task.
 */
export function taskSearchOptions(
  card: AgentCard,
  params: ListTasksSearchRequest,
  options: CallOptions | undefined,
): CallOptions | undefined {
  const query = params[BATON_PARAMS.taskQuery];
  if (query === undefined || query === '') return options;
  if (!declaresTaskSearch(card)) {
    throw new A2AClientError(
      'UNSUPPORTED_OPERATION',
      `The agent does not declare task search (${BATON_URIS.taskSearch}); ListTasks cannot take a query`,
    );
  }
  return { ...options, extensions: [...(options?.extensions ?? []), BATON_URIS.taskSearch] };
}
