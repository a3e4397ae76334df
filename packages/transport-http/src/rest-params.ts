import {
  InvalidParamsError,
  InvalidRequestError,
  OPERATION_SCHEMAS,
  type OperationName,
  type OperationParams,
  parseProtocol,
} from '@baton/protocol';
import { withExtensionParams } from '@baton/server';

import { type RestMatch } from './rest-routes.js';

/** Query parameters that are proto booleans: `true` / `false` in the query string. */
const BOOLEAN_QUERY_PARAMS = new Set([
  'includeArtifacts',
  'include_artifacts',
  'returnImmediately',
]);
/** Service parameters that may travel in the query and are not operation fields. */
const SERVICE_QUERY_PARAMS = new Set(['a2a-version', 'a2a-extensions']);

function coerceQueryValue(key: string, value: string): unknown {
  if (BOOLEAN_QUERY_PARAMS.has(key)) {
    if (value === 'true') return true;
    if (value === 'false') return false;
  }
  // Integers stay strings: ProtoJSON int32 fields accept decimal strings, and a string field
  // (a page token, a context id) must not turn into a number.
  return value;
}

/**
 * The query string as operation fields: camelCase (snake_case also accepted by the schemas),
 * booleans as `true`/`false`, integers and enums by their text. A repeated key keeps its last
 * value.
 */
export function queryParams(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    if (SERVICE_QUERY_PARAMS.has(key.toLowerCase())) continue;
    params[key] = coerceQueryValue(key, value);
  }
  return params;
}

/**
 * Assembles and validates the canonical params of a REST call: query fields, then the JSON body,
 * then the path parameters and the tenant prefix, which win over both, plus Baton's extension
 * parameters (`?query=` on ListTasks). Throws `InvalidParamsError` listing every invalid field.
 */
export function restParams<Name extends OperationName>(
  operation: Name,
  match: RestMatch,
  url: URL,
  body: unknown,
): OperationParams<Name> {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new InvalidRequestError('Request body must be a JSON object');
  }
  const raw: Record<string, unknown> = {
    ...queryParams(url),
    ...(body as Record<string, unknown> | undefined),
    ...match.pathParams,
  };
  if (match.tenant !== undefined) raw.tenant = match.tenant;
  const parsed = parseProtocol(OPERATION_SCHEMAS[operation].params, raw);
  if (!parsed.success) {
    throw new InvalidParamsError(undefined, { fieldViolations: parsed.violations });
  }
  // Baton's extension parameters (ListTasks `query`) are not in the A2A schema: kept apart.
  return withExtensionParams(operation, parsed.data, raw);
}
