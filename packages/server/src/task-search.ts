import {
  type AgentCard,
  BATON_PARAMS,
  BATON_URIS,
  InvalidParamsError,
  type ListTasksRequest,
  type OperationName,
  type OperationParams,
} from '@baton/protocol';

/** The longest search text ListTasks accepts, in characters. */
export const MAX_TASK_QUERY_LENGTH = 1000;

/**
 * ListTasks params with Baton's task-search extension parameter: `query`, the text that a task's
 * history, status messages or artifacts must contain (ignoring case).
 */
export interface SearchableListTasksRequest extends ListTasksRequest {
  /** Only tasks whose text contains this (task-search extension). @default no text filter */
  query?: string | undefined;
}

const TASK_SEARCH = {
  uri: BATON_URIS.taskSearch,
  description:
    `ListTasks accepts a "${BATON_PARAMS.taskQuery}" parameter (REST: ?${BATON_PARAMS.taskQuery}=): ` +
    'only tasks whose history, status messages or artifacts contain that text, ignoring case.',
};

/** The card with the task-search extension declared, when the store can search. */
export function withTaskSearchExtension(card: AgentCard, searchable: boolean): AgentCard {
  const extensions = card.capabilities.extensions ?? [];
  if (!searchable || extensions.some((e) => e.uri === TASK_SEARCH.uri)) return card;
  return {
    ...card,
    capabilities: { ...card.capabilities, extensions: [...extensions, TASK_SEARCH] },
  };
}

/**
 * The search text of a ListTasks call: undefined when absent or empty; `InvalidParamsError`
 * when it is not a string or is longer than {@link MAX_TASK_QUERY_LENGTH}.
 */
export function readTaskQuery(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const field = BATON_PARAMS.taskQuery;
  if (typeof value !== 'string') {
    throw new InvalidParamsError(`${field} must be a string`, {
      fieldViolations: [{ field, description: 'must be a string' }],
    });
  }
  if (value.length > MAX_TASK_QUERY_LENGTH) {
    const description = `must be at most ${MAX_TASK_QUERY_LENGTH} characters`;
    throw new InvalidParamsError(`${field} ${description}`, {
      fieldViolations: [{ field, description }],
    });
  }
  return value;
}

/**
 * Puts Baton's extension parameters back into canonical params after schema validation (which
 * drops fields the A2A schema does not know): `query` on ListTasks. Other operations pass through.
 * Transports call it with the raw params they received.
 */
export function withExtensionParams<Name extends OperationName>(
  operation: Name,
  params: OperationParams<Name>,
  raw: unknown,
): OperationParams<Name> {
  if (operation !== 'ListTasks' || typeof raw !== 'object' || raw === null) return params;
  const key = BATON_PARAMS.taskQuery;
  if (!Object.hasOwn(raw, key)) return params;
  const query = readTaskQuery((raw as Record<string, unknown>)[key]);
  return query === undefined ? params : { ...params, [key]: query };
}
