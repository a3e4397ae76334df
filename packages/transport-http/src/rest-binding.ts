import {
  A2AError,
  MethodNotFoundError,
  METHODS,
  type OperationName,
  parseProtocolVersion,
  type StreamResponse,
  toA2AError,
  VersionNotSupportedError,
} from '@baton/protocol';
import { readResumeAfter, sequenceOf } from '@baton/server';

import {
  type BindingDeps,
  callContext,
  callerOf,
  echoExtensions,
  type RequestFacts,
  requestFacts,
  respondStream,
} from './binding-context.js';
import { isJsonContentType, parseJson, readBody, unsupportedMediaTypeError } from './body.js';
import { invokeOperation } from './handler-methods.js';
import { jsonResponse, restErrorResponse } from './responses.js';
import { queryParams, restParams } from './rest-params.js';
import { matchRestRoute } from './rest-routes.js';
import { rawProtocolVersion } from './service-parameters.js';
import { openEventStream, type SseEvent } from './sse.js';

function methodNotAllowed(allow: string[]): A2AError {
  return new A2AError({
    code: -32601,
    reason: 'METHOD_NOT_FOUND',
    message: `Method not allowed; use ${allow.join(', ')}`,
    httpStatus: 405,
    grpcStatus: 'UNIMPLEMENTED',
  });
}

function checkVersion(request: Request): void {
  const raw = rawProtocolVersion(request);
  // The 1.0 routes fix the version; a header may confirm it but not ask for another one.
  if (raw !== undefined && parseProtocolVersion(raw) !== '1.0') {
    throw new VersionNotSupportedError(`A2A-Version ${raw} is not served by this interface (1.0)`);
  }
}

async function readJsonBody(deps: BindingDeps, request: Request): Promise<unknown> {
  const { bodyLimit, bodyTimeoutMs } = deps.options;
  const text = await readBody(request, { maxBytes: bodyLimit, timeoutMs: bodyTimeoutMs });
  // `:cancel` and `:subscribe` carry no meaningful body: an empty one is fine.
  if (text.trim() === '') return undefined;
  const contentType = request.headers.get('content-type');
  if (!isJsonContentType(contentType)) throw unsupportedMediaTypeError(contentType);
  return parseJson(text);
}

const toSseEvent = (item: StreamResponse): SseEvent => ({ id: sequenceOf(item), data: item });

function streamResponse(
  deps: BindingDeps,
  facts: RequestFacts,
  request: Request,
  stream: AsyncIterable<StreamResponse>,
): Promise<Response> {
  const variant = deps.options.errorStatusVariant;
  // Read the first event before answering, so an early failure is a plain JSON error.
  return openEventStream(stream, toSseEvent).then((opened) =>
    respondStream(
      deps,
      facts,
      request,
      opened,
      (error) => toA2AError(error).toRestError(variant).body,
    ),
  );
}

/**
 * The HTTP+JSON (REST) 1.0 binding: matches `path` (below the REST base) against the method
 * table's routes, builds canonical params from path, query and body, calls the handler, and
 * answers JSON, SSE, or an AIP-193 error with the configured status table.
 */
export function createRestBinding(deps: BindingDeps) {
  const { errorStatusVariant: variant } = deps.options;
  return async (request: Request, path: string, env?: unknown): Promise<Response> => {
    const facts = requestFacts(deps, request, env);
    if (facts.requestedExtensions.length > 0) await echoExtensions(deps, request, facts);
    try {
      let caller = callerOf(deps, request);
      if (caller instanceof Promise) caller = await caller;
      checkVersion(request);
      if (path === '/v1' || path.startsWith('/v1/')) {
        throw new MethodNotFoundError('The 0.3 REST binding (/v1) is not served; use JSON-RPC 0.3');
      }
      const found = matchRestRoute(request.method, path);
      if (found.kind === 'not-found') throw new MethodNotFoundError(`No A2A route for ${path}`);
      if (found.kind === 'method-not-allowed') {
        const response = restErrorResponse(methodNotAllowed(found.allow), variant, facts.headers);
        response.headers.set('Allow', found.allow.join(', '));
        return response;
      }
      const { match } = found;
      const operation: OperationName = match.operation;
      const body = request.method === 'POST' ? await readJsonBody(deps, request) : undefined;
      const url = new URL(request.url);
      const params = restParams(operation, match, url, body);
      const streaming = METHODS[operation].streaming;
      const context = callContext(
        facts,
        request,
        caller,
        { tenant: match.tenant, protocolVersion: '1.0' },
        streaming,
      );
      if (operation === 'SubscribeToTask' && context.resumeAfter === undefined) {
        // Baton's `resumeAfter` (query or body), for clients that cannot set Last-Event-ID.
        context.resumeAfter = readResumeAfter({ ...queryParams(url), ...(body as object) });
      }
      const result = await invokeOperation(deps.handler, operation, params, context);
      if (streaming) {
        return await streamResponse(deps, facts, request, result as AsyncIterable<StreamResponse>);
      }
      return jsonResponse(result, 200, facts.headers);
    } catch (error) {
      return restErrorResponse(error, variant, facts.headers, facts.challenge);
    }
  };
}
