import {
  type JsonRpcDialect,
  jsonRpcError,
  type JsonRpcId,
  type JsonRpcResponse,
  methodByJsonRpcName,
  METHODS,
  parseProtocolVersion,
  type ProtocolVersion,
  toA2AError,
  VersionNotSupportedError,
} from '@baton/protocol';
import { type DispatchStreamItem, type JsonRpcDispatcher } from '@baton/server';

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
import {
  type JsonReply,
  jsonReply,
  jsonRpcErrorReply,
  jsonRpcHttpStatus,
  requestIdOf,
  withChallenge,
} from './responses.js';
import { rawProtocolVersion } from './service-parameters.js';
import { openEventStream, type SseEvent } from './sse.js';

function errorCodeOf(body: JsonRpcResponse): number | undefined {
  return 'error' in body ? body.error.code : undefined;
}

function replyOf(body: JsonRpcResponse, facts: RequestFacts): JsonReply {
  const code = errorCodeOf(body);
  const status = code === undefined ? 200 : jsonRpcHttpStatus(code);
  return jsonReply(body, status, withChallenge(facts.headers, status, facts.challenge));
}

const toSseEvent = (item: DispatchStreamItem): SseEvent => ({ id: item.seq, data: item.body });

function streamResponse(
  deps: BindingDeps,
  facts: RequestFacts,
  request: Request,
  events: AsyncIterable<DispatchStreamItem>,
  id: JsonRpcId,
  dialect: JsonRpcDialect,
): Promise<Response | JsonReply> {
  return openEventStream(events, toSseEvent).then((opened) => {
    // An error as the very first item has not opened anything yet: answer it as plain JSON.
    const head = opened.first?.data as JsonRpcResponse | undefined;
    if (head && 'error' in head) {
      void opened.rest.return?.();
      return replyOf(head, facts);
    }
    return respondStream(deps, facts, request, opened, (error) =>
      jsonRpcError(id, toA2AError(error), dialect),
    );
  });
}

/**
 * The version a method name belongs to: 1.0 and 0.3 names never collide, so the name tells
 * which dialect the dispatcher will speak (and whether this app serves it), and whether it
 * streams.
 */
function methodOf(body: unknown): { version: ProtocolVersion; streaming: boolean } | undefined {
  const method = (body as { method?: unknown } | null)?.method;
  if (typeof method !== 'string') return undefined;
  if (Object.hasOwn(METHODS, method)) {
    return { version: '1.0', streaming: METHODS[method as keyof typeof METHODS].streaming };
  }
  const info = methodByJsonRpcName(method, '0.3');
  return info ? { version: '0.3', streaming: METHODS[info.name].streaming } : undefined;
}

/**
 * The JSON-RPC binding: authenticates, checks the media type, reads the body within its limits,
 * refuses an `A2A-Version` it does not know or serve (-32009; missing means 0.3) and a method of a
 * dialect it does not serve, and hands the parsed body to the dispatcher, which does all JSON-RPC
 * work (the method name picks the wire dialect there). Answers JSON (a {@link JsonReply}), SSE,
 * or 204 for a notification. Reads of the request only its headers, `url`, `signal` and, when it
 * has a `Content-Length`, `arrayBuffer()` (what Node's direct route gives it, see `./node.ts`).
 */
export type JsonRpcBinding = (request: Request, env?: unknown) => Promise<Response | JsonReply>;

/** Creates the {@link JsonRpcBinding} of an app. */
export function createJsonRpcBinding(
  deps: BindingDeps,
  dispatcher: JsonRpcDispatcher,
): JsonRpcBinding {
  const { bodyLimit, bodyTimeoutMs, jsonRpcVersions } = deps.options;
  return async (request, env) => {
    const facts = requestFacts(deps, request, env);
    if (facts.requestedExtensions.length > 0) await echoExtensions(deps, request, facts);
    const raw = rawProtocolVersion(request);
    const parsed = parseProtocolVersion(raw);
    // Errors raised before the dispatcher speak the dialect the client asked for, 1.0 if unsure.
    const dialect: JsonRpcDialect = parsed === '0.3' ? '0.3' : '1.0';
    let body: unknown;
    let caller;
    try {
      caller = callerOf(deps, request);
      if (caller instanceof Promise) caller = await caller;
      const contentType = request.headers.get('content-type');
      if (!isJsonContentType(contentType)) throw unsupportedMediaTypeError(contentType);
      body = parseJson(await readBody(request, { maxBytes: bodyLimit, timeoutMs: bodyTimeoutMs }));
    } catch (error) {
      return jsonRpcErrorReply(null, error, dialect, facts.headers, facts.challenge);
    }
    const id = requestIdOf(body);
    const method = methodOf(body);
    const version = method?.version ?? parsed;
    if (parsed === undefined || version === undefined || !jsonRpcVersions.includes(version)) {
      const served = jsonRpcVersions.join(', ');
      const asked = raw ?? '(none, meaning 0.3)';
      const error = new VersionNotSupportedError(
        `A2A-Version ${asked} is not served by this interface; served: ${served}`,
      );
      return jsonRpcErrorReply(id, error, '1.0', facts.headers);
    }
    try {
      const streaming = method?.streaming ?? false;
      const context = callContext(facts, request, caller, { protocolVersion: version }, streaming);
      const outcome = await dispatcher.dispatch(body, context);
      switch (outcome.kind) {
        case 'none':
          return new Response(null, { status: 204, headers: facts.headers });
        case 'response':
          return replyOf(outcome.body, facts);
        case 'stream':
          return await streamResponse(deps, facts, request, outcome.events, id, version);
      }
    } catch (error) {
      return jsonRpcErrorReply(id, error, version, facts.headers, facts.challenge);
    }
  };
}
