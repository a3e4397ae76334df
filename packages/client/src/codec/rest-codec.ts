import {
  errorFromRestBody,
  type HttpVerb,
  METHODS,
  OPERATION_SCHEMAS,
  type OperationName,
  type OperationParams,
  type OperationResult,
  type StreamResponse,
  StreamResponseSchema,
} from '@baton/protocol';

import { type CarrierEvent, type CarrierResponse } from '../carrier/carrier.js';
import { A2AClientError } from '../errors.js';
import { type Codec, type EncodeContext, type EncodedRequest, joinUrl } from './codec.js';
import { isObject, parseAnswer, safeStringify, withProtoDefaults } from './decode.js';
import { serviceHeaders } from './service-params.js';

/** Path parameters of each REST 1.0 route, taken out of the params. */
const PATH_PARAMS: Partial<Record<OperationName, readonly string[]>> = {
  GetTask: ['id'],
  CancelTask: ['id'],
  SubscribeToTask: ['id'],
  CreateTaskPushNotificationConfig: ['taskId'],
  GetTaskPushNotificationConfig: ['taskId', 'id'],
  ListTaskPushNotificationConfigs: ['taskId'],
  DeleteTaskPushNotificationConfig: ['taskId', 'id'],
};

function route(operation: OperationName): { verb: HttpVerb; path: string } {
  const routes = METHODS[operation].rest;
  // SubscribeToTask has GET (proto) and POST (spec text, TCK): POST is what servers must accept.
  return routes.find((r) => r.verb === 'POST') ?? routes[0]!;
}

function queryValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/**
 * The HTTP+JSON (REST) binding of A2A 1.0 (A2A.md §5): routes from the method table, path and
 * query parameters, `/{tenant}` prefix, google.rpc.Status errors rebuilt as protocol classes.
 * @example
 * const codec = new RestCodec();
 */
export class RestCodec implements Codec {
  readonly binding = 'HTTP+JSON';
  readonly protocolVersion = '1.0' as const;

  supports(_operation: OperationName): boolean {
    return true;
  }

  encode<Op extends OperationName>(
    operation: Op,
    params: OperationParams<Op>,
    context: EncodeContext,
  ): EncodedRequest {
    const { verb, path } = route(operation);
    const rest: Record<string, unknown> = { ...(params as Record<string, unknown> | undefined) };
    const tenant =
      typeof rest.tenant === 'string' && rest.tenant !== '' ? rest.tenant : context.tenant;
    delete rest.tenant;
    let filled = path;
    for (const name of PATH_PARAMS[operation] ?? []) {
      const value = rest[name];
      if (typeof value !== 'string' || value === '') {
        throw new TypeError(`${operation} needs a non-empty ${name}`);
      }
      filled = filled.replace(`{${name}}`, encodeURIComponent(value));
      delete rest[name];
    }
    const prefix = tenant ? `/${encodeURIComponent(tenant)}` : '';
    const url = joinUrl(context.url, prefix + filled);
    const headers = serviceHeaders('1.0', context.extensions);
    if (verb !== 'POST') {
      for (const [key, value] of Object.entries(rest)) {
        const text = queryValue(value);
        if (text !== undefined) url.searchParams.set(key, text);
      }
      return { url, method: verb, headers };
    }
    const hasBody = Object.values(rest).some((v) => v !== undefined);
    return hasBody || operation === 'SendMessage' || operation === 'SendStreamingMessage'
      ? { url, method: verb, headers, body: rest }
      : { url, method: verb, headers };
  }

  decodeResponse<Op extends OperationName>(
    operation: Op,
    response: CarrierResponse,
  ): OperationResult<Op> {
    const { status, body, text } = response;
    if (status < 200 || status >= 300) throw restFailure(status, body, text);
    if (operation === 'DeleteTaskPushNotificationConfig' && body === undefined) {
      return {};
    }
    if (body === undefined) {
      throw new A2AClientError('INVALID_RESPONSE', `The agent's ${operation} answer is not JSON`, {
        status,
        body: text,
      });
    }
    return parseAnswer(
      OPERATION_SCHEMAS[operation].result,
      withProtoDefaults(operation, body),
      `${operation} result`,
    );
  }

  decodeEvent(_operation: OperationName, event: CarrierEvent): StreamResponse {
    // Servers report an error after the stream opened as an event holding a Status body.
    if (isObject(event.data) && isObject(event.data.error)) {
      const code = event.data.error.code;
      throw errorFromRestBody(typeof code === 'number' ? code : 500, event.data);
    }
    return parseAnswer(StreamResponseSchema, event.data, 'stream event');
  }
}

function restFailure(status: number, body: unknown, text: string): Error {
  if (isObject(body) && isObject(body.error)) return errorFromRestBody(status, body);
  return new A2AClientError('HTTP_ERROR', `HTTP ${status} from the agent`, {
    status,
    body: text || safeStringify(body ?? ''),
  });
}
