import {
  type A2AError,
  decodeResult03,
  decodeStreamEvent03,
  encodeParams03,
  errorFromJsonRpc,
  errorFromRestBody,
  METHODS,
  type OperationName,
  type OperationParams,
  type OperationResult,
  type ProtocolVersion,
  type StreamResponse,
} from '@baton/protocol';

import { readSseMessages } from './sse-reader.js';

/** The streaming operations. */
export type StreamingOperation = 'SendStreamingMessage' | 'SubscribeToTask';
/** The operations answered with one result. */
export type UnaryOperation = Exclude<OperationName, StreamingOperation>;

/** A call's outcome in canonical (1.0) terms, whatever the binding: a result or an A2A error. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: A2AError };

/**
 * One binding and version, speaking canonical 1.0 values: params are encoded for the wire and
 * answers decoded back (0.3 through the protocol's dialect converters), so one table of
 * expectations serves every binding.
 */
export interface BindingDriver {
  readonly name: string;
  readonly version: ProtocolVersion;
  supports(operation: OperationName): boolean;
  call<Name extends UnaryOperation>(
    operation: Name,
    params: OperationParams<Name>,
  ): Promise<Outcome<OperationResult<Name>>>;
  stream(
    operation: StreamingOperation,
    params: OperationParams<StreamingOperation>,
  ): Promise<Outcome<StreamResponse[]>>;
}

/** A JSON-RPC response body as received. */
interface JsonRpcBody {
  result?: unknown;
  error?: unknown;
}

function decoded<T>(
  parse: { success: true; data: T } | { success: false; violations: unknown },
): T {
  if (!parse.success) throw new Error(`undecodable answer: ${JSON.stringify(parse.violations)}`);
  return parse.data;
}

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** JSON-RPC in 1.0 (PascalCase methods, `A2A-Version: 1.0`) or 0.3 (slash methods, no header). */
export function jsonRpcDriver(endpoint: string, version: ProtocolVersion): BindingDriver {
  const legacy = version === '0.3';
  const headers: Record<string, string> = legacy ? {} : { 'A2A-Version': '1.0' };
  let nextId = 1;
  const request = (operation: OperationName, params: unknown) => {
    const method = legacy ? METHODS[operation].jsonRpc03! : operation;
    const wire = legacy ? encodeParams03(operation, params as never) : params;
    return postJson(
      endpoint,
      { jsonrpc: '2.0', id: nextId++, method, params: wire ?? {} },
      headers,
    );
  };
  const decodeResult = (operation: OperationName, result: unknown) =>
    legacy ? decoded(decodeResult03(operation, result)) : result;
  const decodeEvent = (result: unknown): StreamResponse =>
    legacy ? decoded(decodeStreamEvent03(result)).event : (result as StreamResponse);
  return {
    name: `JSON-RPC ${version}`,
    version,
    supports: (operation) => !legacy || METHODS[operation].jsonRpc03 !== undefined,
    async call(operation, params) {
      const body = (await (await request(operation, params)).json()) as JsonRpcBody;
      if (body.error) return { ok: false, error: errorFromJsonRpc(body.error) };
      return { ok: true, value: decodeResult(operation, body.result) as never };
    },
    async stream(operation, params) {
      const response = await request(operation, params);
      if (!response.headers.get('content-type')?.includes('text/event-stream')) {
        return {
          ok: false,
          error: errorFromJsonRpc(((await response.json()) as JsonRpcBody).error),
        };
      }
      const events: StreamResponse[] = [];
      for (const { data } of await readSseMessages(response)) {
        const item = data as JsonRpcBody;
        if (item.error) return { ok: false, error: errorFromJsonRpc(item.error) };
        events.push(decodeEvent(item.result));
      }
      return { ok: true, value: events };
    },
  };
}

/** Splits params into the route's path (its `{name}` fields) and the rest. */
function routeOf(base: string, operation: OperationName, params: Record<string, unknown>) {
  const route = METHODS[operation].rest.at(-1)!;
  const rest = { ...params };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(rest[name]);
    delete rest[name];
    return encodeURIComponent(value);
  });
  return { verb: route.verb, url: `${base}${path}`, rest };
}

/** HTTP+JSON (REST) 1.0: path and query parameters, JSON bodies, AIP-193 errors. */
export function restDriver(base: string): BindingDriver {
  const send = async (operation: OperationName, params: object) => {
    const { verb, url, rest } = routeOf(base, operation, params as Record<string, unknown>);
    const headers = { 'A2A-Version': '1.0' };
    if (verb === 'POST') return postJson(url, rest, headers);
    const query = new URLSearchParams(
      Object.entries(rest).map(([key, value]) => [key, String(value)]),
    );
    return fetch(`${url}${query.size > 0 ? `?${query}` : ''}`, { method: verb, headers });
  };
  const failure = async (response: Response) =>
    ({ ok: false, error: errorFromRestBody(response.status, await response.json()) }) as const;
  return {
    name: 'HTTP+JSON 1.0',
    version: '1.0',
    supports: () => true,
    async call(operation, params) {
      const response = await send(operation, params);
      if (!response.ok) return failure(response);
      return { ok: true, value: (await response.json()) as never };
    },
    async stream(operation, params) {
      const response = await send(operation, params);
      if (!response.ok) return failure(response);
      const messages = await readSseMessages(response);
      const events: StreamResponse[] = [];
      for (const { data } of messages) {
        const item = data as StreamResponse & { error?: { code: number } };
        if (item.error) return { ok: false, error: errorFromRestBody(item.error.code, item) };
        events.push(item);
      }
      return { ok: true, value: events };
    },
  };
}

/** The three ways a Baton agent is reached over HTTP. */
export function allDrivers(baseUrl: string): BindingDriver[] {
  return [
    jsonRpcDriver(`${baseUrl}/a2a/jsonrpc`, '1.0'),
    jsonRpcDriver(`${baseUrl}/a2a/jsonrpc`, '0.3'),
    restDriver(`${baseUrl}/a2a/rest`),
  ];
}
